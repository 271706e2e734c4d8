using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CinemaAuthHost.External;

/// <summary>
/// One ASP.NET Core remote authentication scheme per configured provider: the OpenIdConnect handler for an
/// <c>Authority</c>, the OAuth handler for the built-in types. The handlers run the protocol (authorization code with PKCE
/// S256, <c>state</c> protected by Data Protection and bound to the browser by a correlation cookie, the OpenID Connect
/// <c>nonce</c> in a nonce cookie, the ID token's signature, <c>iss</c>, <c>aud</c>, <c>exp</c> and <c>nonce</c> checked).
/// Nothing is signed in with a cookie: <see cref="ExternalCallback"/> ends every callback itself.
/// </summary>
internal static class ExternalAuthentication
{
    public static string Scheme(string provider) => "External." + provider;

    public static string CallbackPath(string provider) => $"/auth/external/{provider}/callback";

    public static void AddCinemaExternal(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ExternalSettings.Section).Get<ExternalSettings>() ?? new ExternalSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddScoped<ExternalAccounts>();
        var authentication = builder.Services.AddAuthentication();
        foreach (var (name, provider) in settings.Providers)
        {
            if (provider.Kind == ExternalProviderType.Oidc)
            {
                authentication.AddOpenIdConnect(Scheme(name), provider.DisplayName ?? name, o => ConfigureOidc(o, name, provider));
            }
            else
            {
                authentication.AddOAuth(Scheme(name), provider.DisplayName ?? name, o => BuiltInProviders.Configure(o, name, provider));
            }
        }
    }

    private static void ConfigureOidc(OpenIdConnectOptions o, string name, ExternalProviderSettings provider)
    {
        o.Authority = provider.Authority;
        o.MetadataAddress = provider.MetadataAddress;
        o.RequireHttpsMetadata = provider.RequireHttpsMetadata;
        o.ClientId = provider.ClientId;
        o.ClientSecret = provider.ClientSecret;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = true;
        o.ClaimActions.MapUniqueJsonKey(ExternalIdentity.EmailVerifiedClaim, ExternalIdentity.EmailVerifiedClaim);
        o.SaveTokens = false;
        o.DisableTelemetry = true;
        o.Scope.Clear();
        foreach (var scope in (provider.Scopes ?? "openid email profile").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            o.Scope.Add(scope);
        }

        o.CallbackPath = CallbackPath(name);
        // Each scheme gets its own sign-out paths: the defaults are shared and would collide between two providers.
        o.SignedOutCallbackPath = $"/auth/external/{name}/signed-out";
        o.RemoteSignOutPath = $"/auth/external/{name}/remote-sign-out";
        o.NonceCookie = Cookie(o.NonceCookie);
        o.CorrelationCookie = Cookie(o.CorrelationCookie);
        o.Events = new OpenIdConnectEvents
        {
            OnTicketReceived = ExternalCallback.OnTicketReceivedAsync,
            OnRemoteFailure = ExternalCallback.OnRemoteFailureAsync,
        };
    }

    /// <summary>
    /// The correlation and nonce cookies: HttpOnly, SameSite=Lax (the callback is a top-level GET, response_mode=query),
    /// Secure whenever the request is (plain HTTP only on a development or test host).
    /// </summary>
    public static CookieBuilder Cookie(CookieBuilder cookie)
    {
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Lax;
        cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.IsEssential = true;
        return cookie;
    }

    public static OAuthEvents OAuthEvents(Func<OAuthCreatingTicketContext, Task> creatingTicket) => new()
    {
        OnCreatingTicket = creatingTicket,
        OnTicketReceived = ExternalCallback.OnTicketReceivedAsync,
        OnRemoteFailure = ExternalCallback.OnRemoteFailureAsync,
    };
}
