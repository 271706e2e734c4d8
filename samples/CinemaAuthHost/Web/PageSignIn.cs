using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using RbacKit.Accounts;
using RbacKit.TokenValidation;

namespace CinemaAuthHost.Web;

/// <summary>
/// Turns the token pair of a successful sign-in (<see cref="IAuthService.LoginAsync"/>, the same call as
/// <c>POST /auth/login</c>, so lockout, throttles, MFA and the login history apply) into the page cookie. The cookie
/// holds only the user and session ids; the tokens are not kept (the session is checked on each request instead).
/// </summary>
internal sealed class PageSignIn(IAccessTokenValidator validator, IAuthService auth)
{
    public const string DefaultReturnUrl = "/account";

    public async Task<bool> SignInAsync(HttpContext http, TokenPair pair)
    {
        var validated = await validator.ValidateAsync(pair.AccessToken, http.RequestAborted);
        if (!validated.IsValid)
        {
            return false;
        }

        await http.SignInAsync(WebPages.Scheme, PageSessions.Principal(validated.Token.UserId, validated.Token.SessionId),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return true;
    }

    /// <summary>Ends the RbacKit session (as <c>POST /auth/logout</c> does) and removes the cookie.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        if (http.GetPageSession() is { } session)
        {
            await auth.LogoutAsync(session.UserId, session.SessionId, http.RequestAborted);
        }

        await http.SignOutAsync(WebPages.Scheme);
    }

    /// <summary>A return URL that stays on this site (a local path), else <see cref="DefaultReturnUrl"/>.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 and < 2048 } url && url[0] == '/' && url[1] != '/' && url[1] != '\\' && !url.Contains('\\', StringComparison.Ordinal)
            && Uri.TryCreate(url, UriKind.Relative, out _)
            ? url
            : DefaultReturnUrl;
}

/// <summary>
/// The state a two-step form carries between its steps in a hidden field (the sign-in's email and password until the
/// second factor is entered): encrypted and signed with Data Protection, valid for five minutes. Nothing is stored on
/// the server and nothing goes into a URL or a log.
/// </summary>
internal sealed class MfaStepProtector(IDataProtectionProvider provider, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("CinemaAuthHost.Web.MfaStep").ToTimeLimitedDataProtector();

    public string Protect(string purpose, params string[] values) =>
        _protector.Protect(JsonSerializer.Serialize(values.Prepend(purpose).ToArray()), time.GetUtcNow() + Lifetime);

    /// <summary>The values, or null when the state is forged, expired or of another purpose.</summary>
    public string[]? Unprotect(string purpose, string? state)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 8192)
        {
            return null;
        }

        try
        {
            var values = JsonSerializer.Deserialize<string[]>(_protector.Unprotect(state, out var expiration));
            return values is { Length: > 0 } && values[0] == purpose && expiration > time.GetUtcNow() ? values[1..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
