using CinemaAuthHost.External;
using Microsoft.AspNetCore.Authentication;

namespace CinemaAuthHost.Web;

/// <summary>
/// External sign-in on the pages. The flow is the API's (<see cref="ExternalEndpoints"/>, <see cref="ExternalCallback"/>,
/// <see cref="ExternalAccounts"/>), with one difference at the end: a fragment (<c>#code=</c>) cannot reach the server
/// without script, so a page flow hands the one-time code over in a short-lived, encrypted, HttpOnly cookie scoped to
/// <see cref="CompletePath"/>, which exchanges it as <c>POST /auth/external/exchange</c> does.
/// </summary>
internal static class ExternalPages
{
    public const string CompletePath = "/account/external-complete";
    public const string CodePurpose = "external-code";
    private const string CodeCookie = "cinema.external";

    public static string Describe(string code) => code switch
    {
        ExternalErrors.AccessDenied => "The sign-in was cancelled at the provider. Try again, or sign in with your email and password.",
        ExternalErrors.AccountExists => "An account with this email already exists. Sign in with its password, then link the provider from your account page.",
        ExternalErrors.AccountDisabled => "This account is deactivated. Ask an administrator to reactivate it.",
        ExternalErrors.EmailRequired => "The provider did not share an email address. Allow it to, or sign in another way.",
        ExternalErrors.ExternalLoginTaken => "This provider login is already linked to an account, or your account already has a login of this provider.",
        ExternalErrors.InvalidState => "The sign-in took too long or was started elsewhere. Start it again.",
        ExternalErrors.InvalidCode => "The sign-in took too long. Start it again.",
        _ => "The provider could not sign you in. Try again, or sign in with your email and password.",
    };

    /// <summary>The challenge of a page flow (sign-in, or linking for <paramref name="linkUserId"/>).</summary>
    public static AuthenticationProperties Properties(string provider, string returnUrl, Guid? linkUserId)
    {
        var properties = new AuthenticationProperties { RedirectUri = returnUrl };
        properties.Items[ExternalCallback.ProviderItem] = provider;
        properties.Items[ExternalCallback.ReturnUrlItem] = returnUrl;
        properties.Items[ExternalCallback.PagesItem] = "1";
        if (linkUserId is { } user)
        {
            properties.Items[ExternalCallback.LinkUserItem] = user.ToString();
        }

        return properties;
    }

    /// <summary>Ends a page flow's callback: <paramref name="fragment"/> is what an API flow would put after <c>#</c>.</summary>
    public static void Finish(HttpContext http, string returnUrl, string fragment, bool linking)
    {
        http.Response.Headers.CacheControl = "no-store";
        var (key, value) = fragment.IndexOf('=', StringComparison.Ordinal) is var i and > 0 ? (fragment[..i], Uri.UnescapeDataString(fragment[(i + 1)..])) : ("error", ExternalErrors.ProviderError);
        switch (key)
        {
            case "code":
                var protector = http.RequestServices.GetRequiredService<MfaStepProtector>();
                http.Response.Cookies.Append(CodeCookie, protector.Protect(CodePurpose, value), new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps || !http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment(),
                    Path = CompletePath,
                    MaxAge = ExternalAccounts.CodeLifetime,
                    IsEssential = true,
                });
                http.Response.Redirect($"{CompletePath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
                break;
            case "linked":
                http.Response.Redirect($"/account?linked={Uri.EscapeDataString(value)}");
                break;
            default:
                http.Response.Redirect(linking ? $"/account?error={Uri.EscapeDataString(value)}" : $"{WebPages.LoginPath}?error={Uri.EscapeDataString(value)}");
                break;
        }
    }

    /// <summary>Takes the one-time code of a finished page flow out of its cookie (and removes the cookie).</summary>
    public static string? TakeCode(HttpContext http)
    {
        var value = http.Request.Cookies[CodeCookie];
        if (value is null)
        {
            return null;
        }

        http.Response.Cookies.Delete(CodeCookie, new CookieOptions { Path = CompletePath });
        return http.RequestServices.GetRequiredService<MfaStepProtector>().Unprotect(CodePurpose, value) is [var code] ? code : null;
    }
}
