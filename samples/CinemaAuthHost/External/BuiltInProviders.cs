using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OAuth;

namespace CinemaAuthHost.External;

/// <summary>
/// The OAuth 2.0 providers that are not plain OpenID Connect, on ASP.NET Core's OAuth handler (code flow, PKCE S256,
/// protected <c>state</c>, correlation cookie): their endpoints, and how their user API answers are read.
/// <list type="bullet">
/// <item>Yandex: <c>GET login.yandex.ru/info?format=json</c> with <c>Authorization: OAuth TOKEN</c> →
/// <c>{id, default_email, first_name, last_name}</c>; a Yandex default address is one Yandex verified.</item>
/// <item>GitHub: <c>GET api.github.com/user</c> → <c>{id, email, name}</c>, and <c>GET /user/emails</c> →
/// <c>[{email, primary, verified}]</c>: the primary address, verified as GitHub says.</item>
/// <item>Google: <c>GET openidconnect.googleapis.com/v1/userinfo</c> → <c>{sub, email, email_verified, given_name, family_name}</c>.</item>
/// </list>
/// </summary>
internal static class BuiltInProviders
{
    public static void Configure(OAuthOptions o, string name, ExternalProviderSettings provider)
    {
        var (authorize, token, userInfo, scopes) = provider.Kind switch
        {
            ExternalProviderType.Yandex => ("https://oauth.yandex.ru/authorize", "https://oauth.yandex.ru/token",
                "https://login.yandex.ru/info?format=json", "login:email login:info"),
            ExternalProviderType.GitHub => ("https://github.com/login/oauth/authorize", "https://github.com/login/oauth/access_token",
                "https://api.github.com/user", "read:user user:email"),
            _ => ("https://accounts.google.com/o/oauth2/v2/auth", "https://oauth2.googleapis.com/token",
                "https://openidconnect.googleapis.com/v1/userinfo", "openid email profile"),
        };
        o.ClientId = provider.ClientId;
        o.ClientSecret = provider.ClientSecret;
        o.AuthorizationEndpoint = provider.AuthorizationEndpoint ?? authorize;
        o.TokenEndpoint = provider.TokenEndpoint ?? token;
        o.UserInformationEndpoint = provider.UserInformationEndpoint ?? userInfo;
        o.UsePkce = true;
        o.SaveTokens = false;
        o.CallbackPath = ExternalAuthentication.CallbackPath(name);
        o.CorrelationCookie = ExternalAuthentication.Cookie(o.CorrelationCookie);
        o.Scope.Clear();
        foreach (var scope in (provider.Scopes ?? scopes).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            o.Scope.Add(scope);
        }

        var emails = provider.EmailsEndpoint ?? "https://api.github.com/user/emails";
        o.Events = ExternalAuthentication.OAuthEvents(context => ReadUserAsync(context, provider.Kind, emails));
    }

    private static async Task ReadUserAsync(OAuthCreatingTicketContext context, ExternalProviderType kind, string emailsEndpoint)
    {
        using var user = await GetJsonAsync(context, context.Options.UserInformationEndpoint, kind);
        var root = user.RootElement;
        switch (kind)
        {
            case ExternalProviderType.Yandex:
                Add(context.Identity!, "sub", Text(root, "id"));
                Add(context.Identity!, "email", Text(root, "default_email"));
                Add(context.Identity!, ExternalIdentity.EmailVerifiedClaim, Text(root, "default_email") is null ? null : "true");
                Add(context.Identity!, "given_name", Text(root, "first_name"));
                Add(context.Identity!, "family_name", Text(root, "last_name"));
                break;
            case ExternalProviderType.GitHub:
                Add(context.Identity!, "sub", Text(root, "id"));
                Add(context.Identity!, "given_name", Text(root, "name"));
                using (var list = await GetJsonAsync(context, emailsEndpoint, kind))
                {
                    var primary = list.RootElement.ValueKind == JsonValueKind.Array
                        ? list.RootElement.EnumerateArray().FirstOrDefault(e => e.TryGetProperty("primary", out var p) && p.ValueKind == JsonValueKind.True)
                        : default;
                    if (primary.ValueKind == JsonValueKind.Object)
                    {
                        Add(context.Identity!, "email", Text(primary, "email"));
                        Add(context.Identity!, ExternalIdentity.EmailVerifiedClaim, Text(primary, "verified"));
                    }
                }

                break;
            default:
                foreach (var claim in new[] { "sub", "email", ExternalIdentity.EmailVerifiedClaim, "given_name", "family_name" })
                {
                    Add(context.Identity!, claim, Text(root, claim));
                }

                break;
        }
    }

    private static async Task<JsonDocument> GetJsonAsync(OAuthCreatingTicketContext context, string url, ExternalProviderType kind)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue(kind == ExternalProviderType.Yandex ? "OAuth" : "Bearer", context.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd("CinemaAuthHost/1.0"); // GitHub refuses requests without one
        using var response = await context.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(context.HttpContext.RequestAborted), cancellationToken: context.HttpContext.RequestAborted);
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    private static void Add(ClaimsIdentity identity, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, "external"));
        }
    }
}
