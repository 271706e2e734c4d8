using System.Net;
using System.Net.Sockets;

namespace CinemaAuthHost.Hosting;

/// <summary>
/// In Development without <c>RbacKit:Issuer</c>, the issuer is the first address the host listens on (issue 12), so the
/// discovery document, the tokens' <c>iss</c> and the validator agree with the URL clients actually use. The address is
/// fixed before the app is built, because RbacKit's validator copies the issuer when it is created: a wildcard host
/// (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) is published as <c>localhost</c>, and port 0 is replaced by a free
/// port chosen here, which Kestrel then binds. Outside Development nothing is defaulted (see <see cref="ProductionGuard"/>).
/// </summary>
internal static class DevelopmentIssuer
{
    /// <summary>Kestrel's own default when no address is configured.</summary>
    private const string KestrelDefault = "http://localhost:5000";

    /// <summary>Returns the issuer to default to, or null when one is configured or the host is not in Development.</summary>
    public static string? Apply(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!builder.Environment.IsDevelopment() || !string.IsNullOrWhiteSpace(configuration["RbacKit:Issuer"]))
        {
            return null;
        }

        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls))
        {
            return FromPortsOrEndpoints(configuration) ?? KestrelDefault;
        }

        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = Parse(addresses[0]);
        if (first.Port == 0 && addresses[0].TrimEnd('/').EndsWith(":0", StringComparison.Ordinal))
        {
            // Bind the chosen port on the address as written (a wildcard stays a wildcard).
            first.Port = FreePort(first.Host);
            var written = addresses[0].TrimEnd('/');
            addresses[0] = written[..^1] + first.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.WebHost.UseUrls(addresses);
        }

        return Public(first.Uri);
    }

    private static string? FromPortsOrEndpoints(ConfigurationManager configuration)
    {
        if (configuration["http_ports"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var http, ..])
        {
            return $"http://localhost:{http}";
        }

        if (configuration["https_ports"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var https, ..])
        {
            return $"https://localhost:{https}";
        }

        var endpoint = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).FirstOrDefault(u => !string.IsNullOrWhiteSpace(u));
        if (endpoint is null)
        {
            return null;
        }

        var uri = Parse(endpoint).Uri;
        return uri.Port == 0
            ? throw new InvalidOperationException("CinemaAuthHost: Kestrel:Endpoints listens on port 0, so the issuer cannot be known before start; set RbacKit:Issuer (RbacKit__Issuer).")
            : Public(uri);
    }

    /// <summary>Parses a Kestrel address; wildcard hosts become <c>localhost</c>.</summary>
    private static UriBuilder Parse(string address)
    {
        var normalized = address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"CinemaAuthHost: cannot derive RbacKit:Issuer from the address '{address}'; set RbacKit:Issuer (RbacKit__Issuer).");
        }

        var builder = new UriBuilder(uri);
        if (IPAddress.TryParse(uri.Host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)))
        {
            builder.Host = "localhost";
        }

        return builder;
    }

    private static string Public(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    /// <summary>A port free on <paramref name="host"/> now; Kestrel binds it moments later.</summary>
    private static int FreePort(string host)
    {
        var address = IPAddress.TryParse(host, out var ip) ? ip : IPAddress.Loopback;
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
