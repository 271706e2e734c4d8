using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RbacKit.Testing;

namespace CinemaAuthHost.Tests;

/// <summary>
/// The OAuth endpoints driven by a client nobody here wrote: Authlib (Debian python3-authlib, installed by
/// scripts/services.sh) runs scripts/oauth/authlib-interop.py against a host whose issuer is its own URL, so the RFC 8414
/// metadata Authlib reads points at this host.
/// </summary>
public sealed class AuthlibInteropTests
{
    [Fact]
    public async Task Authlib_fetches_a_token_calls_a_protected_route_introspects_and_revokes()
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        await using var storage = new SqliteStorage();
        await using var host = await CinemaHost.StartAsync(storage, ("urls", url), ("RbacKit:Issuer", url));
        var client = await host.CreateClientAsync("movies:read", "tokens:introspect");

        var script = Path.Combine(Path.GetDirectoryName(DevServers.FindServicesScript())!, "oauth", "authlib-interop.py");
        var start = new ProcessStartInfo(Python()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, url, client.ClientId, client.ClientSecret })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"authlib-interop.py exited {process.ExitCode}: {await output} {await error}");
        Assert.Contains("\"ok\": true", await output, StringComparison.Ordinal);
    }

    private static string Python() => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
