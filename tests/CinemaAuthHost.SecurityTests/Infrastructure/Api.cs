using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OtpNet;

namespace CinemaAuthHost.SecurityTests;

public sealed record Tokens(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);

public sealed record Account(Guid Id, string Email, string Password);

/// <summary>Requests a client application makes, and the assertions every hostile case shares.</summary>
public static class Api
{
    public const string DemoPassword = "Cinema-Demo-2026!";
    public const string Superadmin = "superadmin@example.com";
    public const string Admin = "admin@example.com";
    public const string Moderator = "moderator@example.com";
    public const string User = "user@example.com";
    public const string StrongPassword = "velvet-harbor-quantum-07-lantern";

    public static string NewEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public static object RegisterBody(string email, string password = StrongPassword) =>
        new { email, password, passwordConfirm = password, firstName = "Eve", lastName = "Tester" };

    public static async Task<Account> RegisterAsync(this SecurityHost host, string prefix = "sec", string password = StrongPassword)
    {
        var email = NewEmail(prefix);
        using var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/auth/register", RegisterBody(email, password));
        var profile = await response.JsonAsync(HttpStatusCode.Created);
        return new Account(profile.GetProperty("id").GetGuid(), email, password);
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(this SecurityHost host, object body)
    {
        using var client = host.CreateClient();
        return await client.PostAsJsonAsync("/auth/login", body);
    }

    public static async Task<Tokens> LoginAsync(this SecurityHost host, string email, string password = DemoPassword) =>
        await (await host.PostLoginAsync(new { email, password })).ReadAsync<Tokens>();

    public static Task<Tokens> LoginAsync(this SecurityHost host, Account account) => host.LoginAsync(account.Email, account.Password);

    public static async Task<HttpClient> ClientAsync(this SecurityHost host, string email, string password = DemoPassword) =>
        host.CreateClient((await host.LoginAsync(email, password)).AccessToken);

    public static string TotpCode(string secret, DateTime at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at);

    /// <summary>Sends a raw request; <paramref name="json"/> goes as the body with <paramref name="contentType"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> and the stable <paramref name="code"/>.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"5xx: {(int)response.StatusCode} {body}");
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(code, json.GetProperty("code").GetString());
        return json;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
    }

    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
    }

    /// <summary>The problem body without the per-request parts (trace id, instance).</summary>
    public static string Comparable(JsonElement problem) =>
        string.Join(',', problem.EnumerateObject().Where(p => p.Name is not ("traceId" or "instance" or "requestId")).Select(p => $"{p.Name}={p.Value.GetRawText()}"));
}

/// <summary>
/// Measured figures (counts, timings) that belong in docs/RELIABILITY.md, not in assertions: printed to the test output and,
/// when <c>RBACKIT_FIGURES</c> names a file, appended to it as tab-separated lines (name, value) for scripts/reliability/run.sh.
/// </summary>
public static class Figures
{
    private static readonly Lock Gate = new();

    public static void Record(ITestOutputHelper output, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"FIGURE {name}: {value}");
        if (Environment.GetEnvironmentVariable("RBACKIT_FIGURES") is { Length: > 0 } file)
        {
            lock (Gate)
            {
                File.AppendAllText(file, $"{name}\t{value.Replace('\t', ' ')}{Environment.NewLine}");
            }
        }
    }

    public static string Describe(IReadOnlyList<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        var mean = sorted.Average();
        var sd = Math.Sqrt(sorted.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, sorted.Length - 1));
        return FormattableString.Invariant($"n={sorted.Length} mean={mean:F2}ms sd={sd:F2}ms p50={P(0.5):F2}ms p95={P(0.95):F2}ms");
    }
}
