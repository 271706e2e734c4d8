using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using RbacKit;
using RbacKit.AspNetCore;

namespace CinemaAuthHost.Hosting;

/// <summary>
/// Traces and metrics out of the process over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (configuration or
/// environment; the other <c>OTEL_*</c> settings apply as the OpenTelemetry SDK defines them): ASP.NET Core, HttpClient,
/// EF Core, Npgsql and StackExchange.Redis instrumentation plus RbacKit's own activity source and meter. Nothing is collected otherwise.
/// </summary>
internal static class CinemaTelemetry
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddCinemaTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointKey]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "CinemaAuthHost"))
            .WithTracing(tracing => tracing
                .AddSource(RbacKitDiagnostics.ActivitySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql()
                .AddRedisInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(RbacKitDiagnostics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();

        // RbacKit opens its Redis connection lazily; each one it opens joins the Redis instrumentation.
        services.AddOptions<RbacKitRedisOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            var earlier = options.Connected;
            options.Connected = multiplexer =>
            {
                earlier?.Invoke(multiplexer);
                provider.GetService<StackExchangeRedisInstrumentation>()?.AddConnection(multiplexer);
            };
        });
        return services;
    }
}
