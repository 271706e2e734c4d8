using System.Net;

namespace CinemaAuthHost.SecurityTests;

/// <summary>
/// KNOWN DEFECT, found by the OpenAPI fuzz pass (seed 20260707): the minimal-API content routes answer 500 to input that
/// does not bind. samples/CinemaAuthHost/Content/CrudEndpoints.cs binds <c>int? page, int? pageSize</c> (line 29) and the
/// body as <c>TInput</c> (lines 47, 62); in Development ASP.NET Core sets RouteHandlerOptions.ThrowOnBadRequest, so a
/// binding failure throws BadHttpRequestException (400), and app.UseExceptionHandler() (Hosting/CinemaApp.cs line 17)
/// renders it as 500. Repro: GET /authors?page=abc, GET /series?pageSize=2147483648, POST /series with body "{" or
/// {"title":"x","seasons":1e300}, all with a moderator token. Skipped until the host is fixed; remove Skip then.
/// </summary>
public sealed class ContentBindingTests(BodyFixture fixture) : IClassFixture<BodyFixture>
{
    private const string Defect = "Known defect: minimal-API content routes answer 500 to unbindable query/body in Development (see class summary).";

    [Fact(Skip = Defect)]
    public async Task Unbindable_query_and_body_on_minimal_api_content_routes_are_400()
    {
        using var client = await fixture.Host.ClientAsync(Api.Moderator);
        foreach (var path in new[] { "/authors?page=abc", "/authors?pageSize=2147483648", "/series?page=..%2F", "/series?pageSize=%F0%9F%8E%AC" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(path)).StatusCode);
        }

        foreach (var body in new[] { "{", "\"text\"", "{\"title\":\"x\",\"seasons\":1e300}", "{\"title\":\"x\",\"seasons\":1,\"description\":{}}" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, "/series", body)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, "/authors", body)).StatusCode);
        }
    }
}
