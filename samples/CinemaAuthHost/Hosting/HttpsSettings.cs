namespace CinemaAuthHost.Hosting;

/// <summary>
/// HTTPS outside Development: <c>Https:Redirect</c> (redirect plain HTTP to HTTPS) and <c>Https:Hsts</c> (send
/// Strict-Transport-Security on HTTPS responses) are on by default; set them to false behind a proxy that terminates TLS
/// and does both itself. Development never redirects.
/// </summary>
internal static class HttpsSettings
{
    public static bool Redirect(IConfiguration configuration, IHostEnvironment environment) =>
        !environment.IsDevelopment() && configuration.GetValue("Https:Redirect", true);

    public static bool Hsts(IConfiguration configuration, IHostEnvironment environment) =>
        !environment.IsDevelopment() && configuration.GetValue("Https:Hsts", true);
}
