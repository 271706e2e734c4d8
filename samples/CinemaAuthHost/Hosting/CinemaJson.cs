using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace CinemaAuthHost.Hosting;

/// <summary>
/// One JSON contract for the content routes, MVC and minimal APIs alike, so that the OpenAPI document can say exactly what
/// is accepted: numbers are JSON numbers (a number in a string, which the web defaults read, is refused with 400 and the
/// schema says <c>integer</c>, not <c>["integer","string"]</c>), and a body is <c>application/json</c> only (MVC's JSON
/// formatter also reads <c>text/json</c> and <c>application/*+json</c>, which the document would then advertise).
/// </summary>
internal static class CinemaJson
{
    public const string ContentType = "application/json";

    public static IServiceCollection AddCinemaJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddControllers().AddJsonOptions(o => o.JsonSerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.PostConfigure<MvcOptions>(o =>
        {
            foreach (var formatter in o.InputFormatters.OfType<SystemTextJsonInputFormatter>())
            {
                formatter.SupportedMediaTypes.Clear();
                formatter.SupportedMediaTypes.Add(ContentType);
            }
        });
        return services;
    }
}
