using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace CinemaAuthHost.Web;

/// <summary>
/// The server-rendered pages (Razor Pages under <c>Pages/</c>): the <see cref="Scheme"/> cookie, bound to an RbacKit
/// session (<see cref="PageSessions"/>), antiforgery on every form, the pages' CSP (<see cref="Hosting.SecurityHeaders"/>) and the
/// stylesheet, served from the assembly under <c>/assets</c>. The API keeps its bearer scheme as the default: a page
/// cookie never authenticates an API call, and a bearer token never opens a page.
/// </summary>
internal static class WebPages
{
    /// <summary>The pages' cookie scheme.</summary>
    public const string Scheme = "CinemaPages";

    /// <summary>The policy of every signed-in page: a live page session.</summary>
    public const string SignedIn = "CinemaPages.SignedIn";

    /// <summary>The path prefixes the pages own (the CSP and the HTML error pages apply under them).</summary>
    public static readonly string[] Prefixes = ["/account", "/admin", "/assets"];

    public const string LoginPath = "/account/login";

    public static bool IsPagePath(PathString path) =>
        Array.Exists(Prefixes, p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>The name of the session cookie: <c>__Host-</c> prefixed (Secure, Path=/, no Domain) outside Development.</summary>
    public static string CookieName(IHostEnvironment environment) =>
        environment.IsDevelopment() ? "cinema.session" : "__Host-cinema.session";

    public static void AddCinemaPages(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Account", SignedIn);
            o.Conventions.AuthorizeFolder("/Admin", SignedIn);
            foreach (var page in new[] { "/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/Account/ResetPassword", "/Account/ConfirmEmail", "/Account/Error", "/Account/ExternalStart", "/Account/ExternalComplete" })
            {
                o.Conventions.AllowAnonymousToPage(page);
            }

            o.Conventions.ConfigureFilter(new PageResponseFilter());
        }).AddCookieTempDataProvider(o =>
        {
            // The one-shot notices after a redirect ("You are signed out."): no secrets, but the same flags as the others.
            o.Cookie.Name = development ? "cinema.notice" : "__Host-cinema.notice";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.Path = "/";
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = development ? "cinema.antiforgery" : "__Host-cinema.antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.FormFieldName = "__csrf";
            o.HeaderName = null;
            o.SuppressXFrameOptionsHeader = true; // SecurityHeaders sends frame-ancestors 'none' and X-Frame-Options itself
        });
        builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName(builder.Environment);
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Cookie.Path = "/";
            o.Cookie.IsEssential = true;
            o.LoginPath = LoginPath;
            o.LogoutPath = "/account/logout";
            o.ReturnUrlParameter = "returnUrl";
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = PageSessions.ValidateAsync,
                // A signed-in user who lacks a permission gets the 403 page, not a redirect loop.
                OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
            };
        });
        // The cookie lives as long as the session's refresh token would when idle; the session's own end is checked per request.
        builder.Services.AddOptions<CookieAuthenticationOptions>(Scheme)
            .Configure<IOptions<RbacKit.RbacKitOptions>>((o, rbac) => o.ExpireTimeSpan = rbac.Value.Sessions.IdleLifetime);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        builder.Services.AddScoped<PageSignIn>();
        builder.Services.AddSingleton<MfaStepProtector>();
    }

    /// <summary>Static assets, the HTML status pages under <see cref="Prefixes"/>, then the pages' endpoints.</summary>
    public static void UseCinemaPageAssets(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/assets",
            FileProvider = new EmbeddedFileProvider(typeof(WebPages).Assembly, "CinemaAuthHost.Web.Assets"),
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        // A page answer without a body (404, 403, the 400 of a failed antiforgery check) is shown as an HTML page.
        app.UseWhen(c => IsPagePath(c.Request.Path), b => b.UseStatusCodePagesWithReExecute("/account/error", "?status={0}"));
    }

    /// <summary>
    /// On page paths, authenticates the page cookie (and so checks its session) before anything else, so every page,
    /// the anonymous ones too, sees the signed-in user (<see cref="PageSessions.GetPageSession"/>). API paths never read it.
    /// </summary>
    public static void UseCinemaPageSession(this WebApplication app) =>
        app.UseWhen(c => IsPagePath(c.Request.Path), b => b.Use(async (context, next) =>
        {
            var result = await context.AuthenticateAsync(Scheme);
            if (result.Succeeded)
            {
                context.User = result.Principal;
            }

            await next(context);
        }));

    public static void MapCinemaPages(this WebApplication app) => app.MapRazorPages();

    /// <summary>A page policy that also needs permissions (for the admin console): <c>AuthorizeFolder("/Admin", WebPages.Permission(...))</c>.</summary>
    public static AuthorizationPolicy Permission(params string[] permissions) =>
        new AuthorizationPolicyBuilder(Scheme).RequirePermission(permissions).Build();
}
