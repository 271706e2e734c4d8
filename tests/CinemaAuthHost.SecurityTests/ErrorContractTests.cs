using System.Net;
using System.Text.Json;

namespace CinemaAuthHost.SecurityTests;

/// <summary>
/// One problem shape on every route family (issue 12): <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c> and
/// <c>code</c> (plus <c>errors</c> for validation), a title that fits the status, and no internal type name in any body.
/// </summary>
public sealed class ErrorContractTests(BodyFixture fixture) : IClassFixture<BodyFixture>
{
    private const string Missing = "0190e7d2-0000-7000-8000-000000000000";

    public static TheoryData<string, string, string, string?, string?, int, string> Cases => new()
    {
        // caller, method, path, body, content type, status, code
        { "", "POST", "/auth/login", "{", "application/json", 400, "invalid_json" },
        { "", "POST", "/auth/login", "{}", "text/plain", 415, "unsupported_media_type" },
        { "", "POST", "/auth/register", "{}", "application/json", 400, "validation_failed" },
        { "", "GET", "/me", null, null, 401, "unauthenticated" },
        { Api.User, "PATCH", "/me", "{", "application/json", 400, "invalid_json" },
        { Api.User, "GET", "/roles", null, null, 403, "forbidden" },
        { Api.Admin, "GET", $"/users/{Missing}", null, null, 404, "not_found" },
        { Api.Admin, "POST", "/users/{moderator}/roles", "{\"role\":\"superadmin\"}", "application/json", 403, "privilege_escalation" },
        { "", "DELETE", "/.well-known/jwks.json", null, null, 405, "method_not_allowed" },
        { "", "GET", "/no-such-route", null, null, 404, "not_found" },
        { Api.Moderator, "POST", "/movies", "{", "application/json", 400, "invalid_request" },
        { Api.Moderator, "POST", "/movies", "{\"title\":\"x\",\"year\":\"abc\"}", "application/json", 400, "invalid_request" },
        { Api.Moderator, "POST", "/movies", "{}", "text/plain", 415, "unsupported_media_type" },
        { Api.Moderator, "POST", "/movies", "{}", "application/json", 400, "validation_failed" },
        { Api.Moderator, "GET", $"/movies/{Missing}", null, null, 404, "not_found" },
        { Api.User, "POST", "/movies", "{}", "application/json", 403, "forbidden" },
        { Api.Moderator, "POST", "/authors", "{", "application/json", 400, "invalid_request" },
        { Api.Moderator, "POST", "/authors", "{}", "text/plain", 415, "unsupported_media_type" },
        { Api.Moderator, "POST", "/authors", "{}", "application/json", 400, "validation_failed" },
        { Api.Moderator, "GET", $"/authors/{Missing}", null, null, 404, "not_found" },
        { Api.Moderator, "PUT", $"/series/{Missing}", "{\"title\":\"x\",\"seasons\":1}", "application/json", 404, "not_found" },
        { Api.Moderator, "POST", "/series", "{\"title\":\"x\",\"seasons\":\"many\"}", "application/json", 400, "invalid_request" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_error_has_the_same_problem_shape(string caller, string method, string path, string? body, string? contentType, int status, string code)
    {
        using var client = caller.Length == 0 ? fixture.Host.CreateClient() : await fixture.Host.ClientAsync(caller);
        if (path.Contains("{moderator}", StringComparison.Ordinal))
        {
            using var moderator = await fixture.Host.ClientAsync(Api.Moderator);
            var me = await (await moderator.GetAsync("/me")).JsonAsync();
            path = path.Replace("{moderator}", me.GetProperty("id").GetString(), StringComparison.Ordinal);
        }

        var response = await client.SendAsync(new HttpMethod(method), path, body, contentType ?? "application/json");
        var text = await response.Content.ReadAsStringAsync();
        var problem = await response.AssertProblemAsync((HttpStatusCode)status, code);

        foreach (var member in new[] { "type", "title", "detail", "code" })
        {
            Assert.True(problem.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0, $"{member} missing: {text}");
        }

        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        if (status != 400)
        {
            Assert.NotEqual("One or more validation errors occurred.", problem.GetProperty("title").GetString());
        }

        if (code == "validation_failed")
        {
            Assert.Equal(JsonValueKind.Object, problem.GetProperty("errors").ValueKind);
        }

        foreach (var leak in new[] { "CinemaAuthHost.", "RbacKit.", "System.", "Microsoft.", "LineNumber", "BytePositionInLine" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/movies", "movie")]
    [InlineData("/authors", "author")]
    [InlineData("/series", "series")]
    public async Task Not_found_names_the_resource_in_the_singular(string path, string noun)
    {
        using var client = await fixture.Host.ClientAsync(Api.Moderator);
        var problem = await (await client.GetAsync($"{path}/{Missing}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal($"The {noun} was not found.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_field_that_does_not_bind_is_named_without_the_type_behind_it()
    {
        using var client = await fixture.Host.ClientAsync(Api.Moderator);
        var problem = await (await client.SendAsync(HttpMethod.Post, "/movies", "{\"title\":\"x\",\"year\":\"abc\"}")).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
        var errors = problem.GetProperty("errors");
        Assert.Equal(["year"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal("The value of year could not be read.", errors.GetProperty("year")[0].GetString());
    }
}
