using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CinemaAuthHost.SecurityTests;

public sealed class BodyFixture : SecurityHostFixture
{
    protected override string Name => "bodies";
}

/// <summary>Malformed, mistyped and oversized bodies get 400/415/413; injection-looking strings are stored and returned as data.</summary>
public sealed class BodyTests(BodyFixture fixture) : IClassFixture<BodyFixture>
{
    private SecurityHost Host => fixture.Host;

    /// <summary>JSON endpoints of RbacKit, and whether they need the superadmin's bearer token.</summary>
    public static TheoryData<string, string, bool> JsonEndpoints => new()
    {
        { "POST", "/auth/register", false },
        { "POST", "/auth/login", false },
        { "POST", "/auth/refresh", false },
        { "PATCH", "/me", true },
        { "POST", "/me/password", true },
        { "POST", "/me/email", true },
        { "POST", "/roles", true },
        { "POST", "/authz/check", true },
    };

    public static readonly string[] Injections =
    [
        "' OR '1'='1' --",
        "Robert'); DROP TABLE rbac_users;--",
        "<script>alert(1)</script>",
        "${jndi:ldap://127.0.0.1:1/a}",
        "{{7*7}}",
        "../../../../etc/passwd",
        "%00%0d%0aSet-Cookie: x=1",
        "\u202Eevil\u202C",
        "$where: '1 == 1'",
        "*)(uid=*))(|(uid=*",
    ];

    private async Task<HttpClient> ClientForAsync(bool authenticated) =>
        authenticated ? await Host.ClientAsync(Api.Superadmin) : Host.CreateClient();

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task Malformed_json_is_400(string method, string path, bool authenticated)
    {
        using var client = await ClientForAsync(authenticated);
        foreach (var body in new[] { "{", "{\"email\":", "[1,2", "nul", "{\"a\":1}}", "\"just a string\"", "42", "\uFEFF{" })
        {
            var response = await client.SendAsync(new HttpMethod(method), path, body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await (await client.SendAsync(new HttpMethod(method), path, "{")).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
        await (await client.SendAsync(new HttpMethod(method), path, "")).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_json");
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task A_wrong_content_type_is_415(string method, string path, bool authenticated)
    {
        using var client = await ClientForAsync(authenticated);
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data" })
        {
            var response = await client.SendAsync(new HttpMethod(method), path, "{\"email\":\"a@b.c\"}", type);
            await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        }
    }

    [Theory]
    [MemberData(nameof(JsonEndpoints))]
    public async Task An_oversized_body_is_413(string method, string path, bool authenticated)
    {
        using var client = await ClientForAsync(authenticated);
        // Just over RbacKit's 64 KB limit: the client has handed the whole body to the loopback socket before the early
        // 413 arrives, so it reads the answer; a body of megabytes could still be in flight when the server closes.
        var huge = JsonSerializer.Serialize(new { email = "a@b.c", password = new string('x', 70 * 1024) });
        await (await client.SendAsync(new HttpMethod(method), path, huge)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");

        // Without a Content-Length (chunked): the limit still holds while reading.
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(huge))) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Content_endpoints_refuse_bad_bodies_without_5xx()
    {
        using var client = await Host.ClientAsync(Api.Superadmin);
        foreach (var path in new[] { "/movies", "/authors", "/series" })
        {
            await (await client.SendAsync(HttpMethod.Post, path, "{")).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
            await (await client.SendAsync(HttpMethod.Post, path, "{}", "text/plain")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

            // Just over the 64 KB limit of the content routes: the whole body fits in the loopback socket buffers, so the
            // client has sent it before the early 413 and reads the answer (a 40 MB body could meet a reset instead).
            var huge = JsonSerializer.Serialize(new { title = new string('x', 70 * 1024), name = "x" });
            await (await client.SendAsync(HttpMethod.Post, path, huge)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        }
    }

    [Fact]
    public async Task Injection_strings_in_every_field_are_stored_and_returned_as_data()
    {
        foreach (var (text, index) in Injections.Select((t, i) => (t, i)))
        {
            using var anonymous = Host.CreateClient();
            var email = $"inj{index}-{Guid.NewGuid():N}@example.com";
            var response = await anonymous.PostAsJsonAsync("/auth/register", new
            {
                email,
                password = Api.StrongPassword,
                passwordConfirm = Api.StrongPassword,
                firstName = text,
                lastName = text,
                middleName = text,
            });
            Assert.True((int)response.StatusCode < 500, $"{text}: {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.Created)
            {
                await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
                continue;
            }

            var profile = await response.JsonAsync(HttpStatusCode.Created);
            Assert.Equal(text, profile.GetProperty("firstName").GetString());
            Assert.Equal(text, profile.GetProperty("lastName").GetString());

            // The same strings as email, password and login input are refused or fail as data.
            var asEmail = await anonymous.PostAsJsonAsync("/auth/register", Api.RegisterBody(text));
            await asEmail.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            var login = await anonymous.PostAsJsonAsync("/auth/login", new { email = text, password = text });
            Assert.True(login.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{text}: {(int)login.StatusCode}");
            var emailWithInjection = await anonymous.PostAsJsonAsync("/auth/login", new { email = email + text, password = Api.StrongPassword });
            Assert.True(emailWithInjection.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized);
        }

        // Every account is still there and nothing else was touched: the demo users still sign in.
        await Host.LoginAsync(Api.User);
        var users = (await Host.CountAsync("SELECT count(*) FROM rbac_users"));
        Assert.True(users >= 4 + Injections.Length / 2);
    }

    [Fact]
    public async Task Injection_strings_in_query_parameters_are_data()
    {
        using var admin = await Host.ClientAsync(Api.Superadmin);
        var total = (await (await admin.GetAsync("/users?pageSize=100")).JsonAsync()).GetProperty("total").GetInt32();
        Assert.True(total >= 4);
        foreach (var text in Injections.Append("%").Append("_").Append("\\"))
        {
            var search = await admin.GetAsync($"/users?search={Uri.EscapeDataString(text)}&page=1&pageSize=100");
            var body = await search.JsonAsync();
            Assert.True(body.GetProperty("total").GetInt32() < total, $"search={text} matched every user");
            foreach (var path in new[] { $"/movies?search={Uri.EscapeDataString(text)}", $"/me/login-history?page={Uri.EscapeDataString(text)}", $"/users/{Uri.EscapeDataString(text)}", $"/roles/{Uri.EscapeDataString(text)}" })
            {
                var response = await admin.GetAsync(path);
                Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
            }
        }

        foreach (var query in new[] { "page=0", "page=-1", "pageSize=0", "pageSize=-5", "pageSize=1000000", "page=2147483647&pageSize=2147483647", "page=99999999999", "page=1e3" })
        {
            foreach (var path in new[] { "/users", "/me/login-history" })
            {
                var response = await admin.GetAsync($"{path}?{query}");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{path}?{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
