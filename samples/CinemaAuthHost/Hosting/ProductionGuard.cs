using Microsoft.Extensions.Options;
using RbacKit;

namespace CinemaAuthHost.Hosting;

/// <summary>
/// Outside Development the host refuses to start without a key-encryption key (signing keys and TOTP secrets must be
/// protected by a key every instance shares) or with an issuer that is not https. <see cref="CinemaApp.Validate"/> runs
/// it before anything touches the database; as a startup filter it also guards a host that skips that.
/// </summary>
internal sealed class ProductionGuard(IHostEnvironment environment, IOptions<RbacKitOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        Check(environment, options.Value);
        return next;
    }

    /// <summary>
    /// Outside Development <c>RbacKit:Issuer</c> is required (issue 12): there is no address to default it to that
    /// clients could trust. Checked on the raw configuration, before options validation, so the message names the setting.
    /// </summary>
    public static void CheckConfiguration(IHostEnvironment environment, IConfiguration configuration)
    {
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration["RbacKit:Issuer"]))
        {
            throw new InvalidOperationException(
                "CinemaAuthHost: outside Development set RbacKit:Issuer (RbacKit__Issuer) to the public https URL of this service, " +
                "e.g. https://auth.example.com; it is the 'iss' of every token and the issuer of the discovery document.");
        }
    }

    public static void Check(IHostEnvironment environment, RbacKitOptions o)
    {
        if (!environment.IsDevelopment())
        {
            if (string.IsNullOrEmpty(o.Tokens.KeyEncryptionKey))
            {
                throw new InvalidOperationException(
                    "CinemaAuthHost: in Production set RbacKit__Tokens__KeyEncryptionKey (base64 of 32 random bytes, e.g. `openssl rand -base64 32`), " +
                    "shared by every instance, so persisted signing keys can be read after a restart and by other instances.");
            }

            if (!Uri.TryCreate(o.Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme != Uri.UriSchemeHttps)
            {
                throw new InvalidOperationException(
                    $"CinemaAuthHost: outside Development RbacKit:Issuer (RbacKit__Issuer) must be an absolute https URL; it is '{o.Issuer}'.");
            }

            if (o.Tokens.AllowUnprotectedKeys)
            {
                throw new InvalidOperationException("CinemaAuthHost: RbacKit:Tokens:AllowUnprotectedKeys is for development only.");
            }
        }
    }
}
