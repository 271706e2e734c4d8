using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace CinemaAuthHost.Tests;

/// <summary>The built-in provider types whose endpoints <see cref="ProviderStandIn"/> plays.</summary>
public enum StandInKind
{
    Yandex,
    GitHub,
    Google,
}

/// <summary>
/// A local stand-in of the Yandex, GitHub and Google OAuth 2.0 endpoints (a tiny Kestrel app on 127.0.0.1:0), since the
/// real ones are not reachable from the tests. Each provider's host name becomes the first path segment, so the paths
/// are the real ones: <c>{stand-in}/oauth.yandex.ru/authorize</c> plays <c>https://oauth.yandex.ru/authorize</c>.
/// The shapes below are the providers' documented ones (only the fields a client reads, plus a few it must ignore).
/// <para><b>Authorization</b> (browser, <c>GET</c>): <c>response_type=code</c>, <c>client_id</c>, <c>redirect_uri</c>,
/// <c>scope</c>, <c>state</c>, <c>code_challenge</c> + <c>code_challenge_method=S256</c>; a login page, then a 302 to
/// <c>redirect_uri?code=…&amp;state=…</c> (the state echoed untouched). An unknown client or a redirect URI that is not
/// registered is an error page, never a redirect (all three do so).</para>
/// <list type="bullet">
/// <item>Yandex: <c>oauth.yandex.ru/authorize</c>; token <c>POST oauth.yandex.ru/token</c> (form; client credentials in
/// the body or HTTP Basic) → <c>{access_token, expires_in, refresh_token, token_type: "bearer"}</c>, errors 400
/// <c>{error: "invalid_grant" | "invalid_client", error_description}</c>; user <c>GET login.yandex.ru/info?format=json</c>
/// with <c>Authorization: OAuth TOKEN</c> → <c>{id: "1130000012345678", login, client_id, display_name, real_name,
/// first_name, last_name, sex, default_email, emails: [..], psuid}</c> (<c>default_email</c> and <c>emails</c> only with
/// the <c>login:email</c> scope; Yandex verified those addresses).</item>
/// <item>GitHub: <c>github.com/login/oauth/authorize</c>; token <c>POST github.com/login/oauth/access_token</c> (form,
/// credentials in the body) → with <c>Accept: application/json</c> <c>{access_token, token_type: "bearer", scope}</c>, else
/// the same form-encoded; errors come back as <b>200</b> with <c>{error: "bad_verification_code" |
/// "incorrect_client_credentials" | "redirect_uri_mismatch", error_description, error_uri}</c>; user
/// <c>GET api.github.com/user</c> (<c>Authorization: Bearer|token TOKEN</c>, a <c>User-Agent</c> required, else 403) →
/// <c>{login, id: 583231 (a number), node_id, name, email (the public address, often null), ...}</c>, and
/// <c>GET api.github.com/user/emails</c> (scope <c>user:email</c>, else 404) → <c>[{email, primary, verified,
/// visibility}]</c>.</item>
/// <item>Google: <c>accounts.google.com/o/oauth2/v2/auth</c>; token <c>POST oauth2.googleapis.com/token</c> (form, body
/// or Basic) → <c>{access_token, expires_in, scope, token_type: "Bearer"}</c> (the real one adds an <c>id_token</c> for
/// <c>openid</c>, which a client reading the userinfo endpoint ignores; the stand-in has no keys to sign one), errors
/// 400 <c>{error: "invalid_grant"}</c> / 401 <c>{error: "invalid_client"}</c>; userinfo
/// <c>GET openidconnect.googleapis.com/v1/userinfo</c> (Bearer) → <c>{sub: "1098…" (21 digits), name, given_name,
/// family_name, picture, email, email_verified, locale}</c> (<c>email*</c> only with the <c>email</c> scope).</item>
/// </list>
/// <para>Checked as the real providers do: the client secret (compared in constant time), the code single use, bound
/// to its client and redirect URI and short-lived; PKCE S256 (the stand-in insists on a challenge, which the real
/// providers only verify when one was sent: the host must always send one).</para>
/// <para>The login typed on the login page names the person: the same login is the same account at the provider (the
/// same id); a login <c>unverified:ADDRESS</c> has the address unverified (GitHub <c>verified: false</c>, Google
/// <c>email_verified: false</c>; Yandex has no unverified default address).</para>
/// </summary>
public sealed partial class ProviderStandIn : IAsyncDisposable
{
    public const string UnverifiedPrefix = "unverified:";

    private static readonly Dictionary<StandInKind, (string Authorize, string Token)> Paths = new()
    {
        [StandInKind.Yandex] = ("/oauth.yandex.ru/authorize", "/oauth.yandex.ru/token"),
        [StandInKind.GitHub] = ("/github.com/login/oauth/authorize", "/github.com/login/oauth/access_token"),
        [StandInKind.Google] = ("/accounts.google.com/o/oauth2/v2/auth", "/oauth2.googleapis.com/token"),
    };

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(StandInKind, string), string> _ids = new();
    private readonly ConcurrentDictionary<string, byte> _redirects = new(StringComparer.Ordinal);
    private int _nextId;
    private int _refused;

    private ProviderStandIn(WebApplication app) => _app = app;

    public Uri BaseAddress => new(_app.Urls.Single());

    /// <summary>The token requests the stand-in refused (wrong secret, code, verifier or redirect URI).</summary>
    public int RefusedTokenRequests => Volatile.Read(ref _refused);

    public static string ClientId(StandInKind kind) => kind.ToString().ToLowerInvariant() + "-client";

    public static string ClientSecret(StandInKind kind) => kind.ToString().ToLowerInvariant() + "-secret-" + new string('s', 16);

    /// <summary>The id the provider gives <paramref name="login"/> (assigned at its first sign-in).</summary>
    public string IdOf(StandInKind kind, string login) => _ids[(kind, login)];

    /// <summary>Registers a redirect URI for every client (a provider's app settings).</summary>
    public void RegisterRedirect(Uri redirectUri) => _redirects[redirectUri.AbsoluteUri] = 0;

    /// <summary>The host settings of provider <paramref name="name"/> of <paramref name="kind"/> pointing at this stand-in.</summary>
    public (string Key, string Value)[] Settings(string name, StandInKind kind, string? clientSecret = null)
    {
        var prefix = $"RbacKit:External:Providers:{name}:";
        var root = BaseAddress.AbsoluteUri.TrimEnd('/');
        var (userInfo, emails) = kind switch
        {
            StandInKind.Yandex => ("/login.yandex.ru/info?format=json", null),
            StandInKind.GitHub => ("/api.github.com/user", "/api.github.com/user/emails"),
            _ => ("/openidconnect.googleapis.com/v1/userinfo", (string?)null),
        };
        var settings = new List<(string, string)>
        {
            (prefix + "Type", kind.ToString()),
            (prefix + "ClientId", ClientId(kind)),
            (prefix + "ClientSecret", clientSecret ?? ClientSecret(kind)),
            (prefix + "AuthorizationEndpoint", root + Paths[kind].Authorize),
            (prefix + "TokenEndpoint", root + Paths[kind].Token),
            (prefix + "UserInformationEndpoint", root + userInfo),
        };
        if (emails is not null)
        {
            settings.Add((prefix + "EmailsEndpoint", root + emails));
        }

        return [.. settings];
    }

    public static async Task<ProviderStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new ProviderStandIn(app);
        foreach (var (kind, (authorize, token)) in Paths)
        {
            app.MapGet(authorize, (HttpContext context) => standIn.Authorize(kind, context));
            app.MapPost(authorize, (Func<HttpContext, Task<IResult>>)(context => standIn.SubmitLoginAsync(kind, context)));
            app.MapPost(token, (Func<HttpContext, Task<IResult>>)(context => standIn.TokenAsync(kind, context)));
        }

        app.MapGet("/login.yandex.ru/info", (HttpContext context) => standIn.YandexInfo(context));
        app.MapGet("/api.github.com/user", (HttpContext context) => standIn.GitHubUser(context));
        app.MapGet("/api.github.com/user/emails", (HttpContext context) => standIn.GitHubEmails(context));
        app.MapGet("/openidconnect.googleapis.com/v1/userinfo", (HttpContext context) => standIn.GoogleUserInfo(context));
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private IResult Authorize(StandInKind kind, HttpContext context)
    {
        var query = context.Request.Query;
        if (query["client_id"] != ClientId(kind) || !_redirects.ContainsKey(query["redirect_uri"].ToString()))
        {
            return Results.Content("<p>Unknown client or redirect URI.</p>", "text/html", statusCode: 400);
        }

        var redirect = query["redirect_uri"].ToString();
        if (query["response_type"] != "code")
        {
            return RedirectBack(redirect, query["state"], ("error", "unsupported_response_type"));
        }

        if (query["code_challenge_method"] != "S256" || query["code_challenge"].ToString().Length != 43)
        {
            return RedirectBack(redirect, query["state"], ("error", "invalid_request"));
        }

        var tx = Random();
        _pending[tx] = new Pending(redirect, query["state"].ToString(), query["code_challenge"].ToString(),
            query["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
        var action = WebUtility.HtmlEncode($"{context.Request.Path}?tx={tx}");
        return Results.Content(
            $"""
            <!doctype html><html><body><h1>Sign in to {kind}</h1>
            <form method="post" action="{action}"><input type="hidden" name="prompt" value="login">
            <input name="login"><input name="password" type="password"><button>Sign in</button></form></body></html>
            """, "text/html");
    }

    private async Task<IResult> SubmitLoginAsync(StandInKind kind, HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (!_pending.TryRemove(context.Request.Query["tx"].ToString(), out var pending) || form["login"].ToString() is not { Length: > 0 } login)
        {
            return Results.Content("<p>This sign-in expired.</p>", "text/html", statusCode: 400);
        }

        _ids.GetOrAdd((kind, login), _ => kind switch
        {
            StandInKind.GitHub => (583000 + Interlocked.Increment(ref _nextId)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            StandInKind.Yandex => "11300000" + Interlocked.Increment(ref _nextId).ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
            _ => "1098" + Interlocked.Increment(ref _nextId).ToString("D17", System.Globalization.CultureInfo.InvariantCulture),
        });
        var code = Random();
        _codes[code] = new Grant(kind, pending.RedirectUri, pending.Challenge, login, pending.Scopes, TimeProvider.System.GetUtcNow().AddMinutes(1));
        return RedirectBack(pending.RedirectUri, pending.State, ("code", code));
    }

    private static IResult RedirectBack(string redirectUri, string? state, (string Key, string Value) result)
    {
        var query = new Dictionary<string, string?> { [result.Key] = result.Value };
        if (!string.IsNullOrEmpty(state))
        {
            query["state"] = state;
        }

        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, query));
    }

    private async Task<IResult> TokenAsync(StandInKind kind, HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var (clientId, secret) = (form["client_id"].ToString(), form["client_secret"].ToString());
        var basic = context.Request.Headers.Authorization.ToString();
        if (kind != StandInKind.GitHub && basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic["Basic ".Length..])).Split(':', 2);
            (clientId, secret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }

        if (clientId != ClientId(kind) || !FixedTimeEquals(secret, ClientSecret(kind)))
        {
            return Refuse(kind, kind == StandInKind.GitHub ? "incorrect_client_credentials" : "invalid_client", clientError: true);
        }

        if (form["grant_type"] != "authorization_code")
        {
            return Refuse(kind, "unsupported_grant_type");
        }

        // Single use: taken out whatever comes next.
        if (!_codes.TryRemove(form["code"].ToString(), out var grant) || grant.Kind != kind || grant.ExpiresAt < TimeProvider.System.GetUtcNow())
        {
            return Refuse(kind, kind == StandInKind.GitHub ? "bad_verification_code" : "invalid_grant");
        }

        if (form["redirect_uri"] != grant.RedirectUri)
        {
            return Refuse(kind, kind == StandInKind.GitHub ? "redirect_uri_mismatch" : "invalid_grant");
        }

        var verifier = form["code_verifier"].ToString();
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (verifier.Length < 43 || !FixedTimeEquals(challenge, grant.Challenge))
        {
            return Refuse(kind, kind == StandInKind.GitHub ? "bad_verification_code" : "invalid_grant");
        }

        var token = Random();
        _tokens[token] = grant;
        var scope = string.Join(kind == StandInKind.GitHub ? "," : " ", grant.Scopes);
        JsonObject body = kind switch
        {
            StandInKind.Yandex => new() { ["access_token"] = token, ["expires_in"] = 31536000, ["refresh_token"] = Random(), ["token_type"] = "bearer" },
            StandInKind.GitHub => new() { ["access_token"] = token, ["token_type"] = "bearer", ["scope"] = scope },
            _ => new() { ["access_token"] = token, ["expires_in"] = 3599, ["scope"] = scope, ["token_type"] = "Bearer" },
        };
        if (kind == StandInKind.GitHub && !context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            return Results.Text($"access_token={token}&scope={Uri.EscapeDataString(scope)}&token_type=bearer", "application/x-www-form-urlencoded");
        }

        return Results.Text(body.ToJsonString(), "application/json");
    }

    private IResult Refuse(StandInKind kind, string error, bool clientError = false)
    {
        Interlocked.Increment(ref _refused);
        var body = new JsonObject { ["error"] = error, ["error_description"] = "Refused by the stand-in." }.ToJsonString();
        var status = kind switch
        {
            StandInKind.GitHub => 200, // GitHub answers token errors with 200 and an error body
            StandInKind.Google when clientError => 401,
            _ => 400,
        };
        return Results.Text(body, "application/json", statusCode: status);
    }

    private static string Address(string login) => login.StartsWith(UnverifiedPrefix, StringComparison.Ordinal) ? login[UnverifiedPrefix.Length..] : login;

    private static bool Verified(string login) => !login.StartsWith(UnverifiedPrefix, StringComparison.Ordinal);

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    private static string Random() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));

    private sealed record Pending(string RedirectUri, string State, string Challenge, HashSet<string> Scopes);

    private sealed record Grant(StandInKind Kind, string RedirectUri, string Challenge, string Login, HashSet<string> Scopes, DateTimeOffset ExpiresAt);
}
