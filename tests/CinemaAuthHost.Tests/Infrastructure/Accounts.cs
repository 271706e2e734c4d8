using System.Net;
using System.Net.Http.Json;
using OtpNet;

namespace CinemaAuthHost.Tests;

/// <summary>An access and refresh token as <c>POST /auth/login</c> and <c>/auth/refresh</c> return them.</summary>
public sealed record Tokens(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);

/// <summary>A user registered through the API.</summary>
public sealed record Account(Guid Id, string Email, string Password);

/// <summary>Registration, login and TOTP through the HTTP API, as a client application would do them.</summary>
public static class Accounts
{
    /// <summary>The password of the demo users (<c>Demo:Password</c> is not set in the tests).</summary>
    public const string DemoPassword = "Cinema-Demo-2026!";
    public const string Superadmin = "superadmin@example.com";
    public const string Admin = "admin@example.com";
    public const string Moderator = "moderator@example.com";
    public const string User = "user@example.com";

    /// <summary>A password the policy accepts (long, unrelated words).</summary>
    public const string StrongPassword = "velvet-harbor-quantum-07-lantern";

    public static string NewEmail(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public static async Task<Account> RegisterAsync(this CinemaHost host, string prefix = "viewer", string password = StrongPassword)
    {
        var email = NewEmail(prefix);
        using var client = host.CreateClient();
        var response = await client.PostAsJsonAsync("/auth/register", new
        {
            email,
            password,
            passwordConfirm = password,
            firstName = "Ada",
            lastName = "Viewer",
        });
        var profile = await response.JsonAsync(HttpStatusCode.Created);
        return new Account(profile.GetProperty("id").GetGuid(), email, password);
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(this CinemaHost host, object body)
    {
        using var client = host.CreateClient();
        return await client.PostAsJsonAsync("/auth/login", body);
    }

    public static async Task<Tokens> LoginAsync(this CinemaHost host, string email, string password = DemoPassword) =>
        await (await host.PostLoginAsync(new { email, password })).ReadAsync<Tokens>();

    public static Task<Tokens> LoginAsync(this CinemaHost host, Account account) => host.LoginAsync(account.Email, account.Password);

    /// <summary>A client signed in as <paramref name="email"/>.</summary>
    public static async Task<HttpClient> ClientAsync(this CinemaHost host, string email, string password = DemoPassword) =>
        host.CreateClient((await host.LoginAsync(email, password)).AccessToken);

    /// <summary>The TOTP code an authenticator app shows at <paramref name="at"/> for a base32 secret.</summary>
    public static string TotpCode(string secret, DateTime at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at);

    /// <summary>A six-digit code that is not valid for any time step the server accepts now.</summary>
    public static string WrongTotpCode(string secret)
    {
        var valid = new[] { -60, -30, 0, 30, 60 }.Select(s => TotpCode(secret, DateTime.UtcNow.AddSeconds(s))).ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }
}
