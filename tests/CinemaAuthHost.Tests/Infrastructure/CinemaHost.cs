using System.Net.Http.Headers;
using CinemaAuthHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CinemaAuthHost.Tests;

/// <summary>
/// CinemaAuthHost on Kestrel at a free loopback port, built by the host's own <see cref="CinemaApp.Build"/> and prepared
/// (migrations, roles, demo users) by <see cref="CinemaApp.PrepareAsync"/>, exactly as Program does. Clients talk real HTTP.
/// </summary>
public sealed class CinemaHost : IAsyncDisposable
{
    public const string UserAgent = "CinemaAuthHost.Tests/1.0";

    private readonly WebApplication _app;
    private readonly SocketsHttpHandler _handler = new() { AllowAutoRedirect = false, UseCookies = false };

    private CinemaHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a host on <paramref name="storage"/> in Development (demo users seeded), with a fast password hash and
    /// without the per-address rate limits (every test client comes from 127.0.0.1). Later settings win.
    /// </summary>
    public static async Task<CinemaHost> StartAsync(HostStorage storage, params (string Key, string Value)[] settings)
    {
        var app = CinemaApp.Build(Arguments(storage, settings), builder => builder.Logging.ClearProviders());
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await CinemaApp.PrepareAsync(app, timeout.Token);
            await app.StartAsync(timeout.Token);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Urls.Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return new CinemaHost(app, new Uri(address));
    }

    /// <summary>The command line the host is built with: every setting as <c>--Key=Value</c>, so it outranks environment variables.</summary>
    public static string[] Arguments(HostStorage storage, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["environment"] = "Development",
            // The entry assembly is the test runner: name the application so MVC finds the host's controllers.
            ["applicationName"] = "CinemaAuthHost",
            ["RbacKit:Passwords:WorkFactor"] = "4",
            ["RbacKit:Passwords:AllowWeakWorkFactor"] = "true",
            ["RateLimits:Enabled"] = "false",
            // A fixed issuer keeps the tokens comparable across hosts; pass an empty one to test the Development default.
            ["RbacKit:Issuer"] = "http://localhost:5080",
        };
        foreach (var (key, value) in storage.Settings.Select(s => (s.Key, s.Value)).Concat(settings))
        {
            values[key] = value;
        }

        return [.. values.Select(v => $"--{v.Key}={v.Value}")];
    }

    /// <summary>A client for this host; with <paramref name="accessToken"/> it sends <c>Authorization: Bearer</c>. Redirects are not followed.</summary>
    public HttpClient CreateClient(string? accessToken = null)
    {
        var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
