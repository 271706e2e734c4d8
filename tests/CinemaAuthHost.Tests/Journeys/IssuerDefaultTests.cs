using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CinemaAuthHost.Tests;

/// <summary>
/// Issue 12: without RbacKit:Issuer a Development host publishes and signs with the address it listens on (not a fixed
/// http://localhost:5080), so a stock JwtBearer client pointed at that address accepts its tokens; outside Development the
/// host refuses to start without an issuer, before it creates the database.
/// </summary>
public sealed class IssuerDefaultTests : IAsyncDisposable
{
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "CinemaAuthHost.dll");
    private readonly SqliteStorage _storage = new();

    [Fact]
    public async Task Development_without_an_issuer_uses_the_listening_address_and_a_stock_JwtBearer_client_accepts_its_tokens()
    {
        // urls is http://127.0.0.1:0: the host picks the free port itself and uses it as the issuer.
        await using var host = await CinemaHost.StartAsync(_storage, ("RbacKit:Issuer", ""));
        var address = host.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.NotEqual(5080, host.BaseAddress.Port);

        using var client = host.CreateClient();
        var document = await (await client.GetAsync("/.well-known/openid-configuration")).JsonAsync();
        Assert.Equal(address, document.GetProperty("issuer").GetString());
        Assert.Equal($"{address}/.well-known/jwks.json", document.GetProperty("jwks_uri").GetString());

        var token = await host.LoginAsync(Accounts.User);
        await using var api = await StockJwtBearerApiAsync(address);
        using var apiClient = new HttpClient { BaseAddress = new Uri(api.Urls.Single()) };
        apiClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        var response = await apiClient.GetAsync("/whoami");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"JwtBearer said {(int)response.StatusCode}: {response.Headers.WwwAuthenticate} {await response.Content.ReadAsStringAsync()}");

        // Its own API accepts the token too (the validator uses the same issuer).
        using var own = host.CreateClient(token.AccessToken);
        await (await own.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Production_without_an_issuer_exits_non_zero_naming_RbacKit_Issuer_and_creates_no_database()
    {
        var directory = _storage.Settings["Data:Directory"];
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(HostDll);
        foreach (var argument in CinemaHost.Arguments(_storage,
            ("environment", "Production"), ("RbacKit:Issuer", ""),
            ("RbacKit:Tokens:KeyEncryptionKey", Convert.ToBase64String(new byte[32]))))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The host started in Production without RbacKit:Issuer.");
        }

        var output = await stdout + await stderr;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("RbacKit:Issuer", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "cinema.db")), "the refused start created the database");
    }

    public ValueTask DisposeAsync() => _storage.DisposeAsync();

    /// <summary>A downstream API using only Microsoft's JwtBearer handler with Authority = the issuer (discovery + JWKS over http).</summary>
    private static async Task<WebApplication> StockJwtBearerApiAsync(string authority)
    {
        var builder = WebApplication.CreateBuilder(["--urls=http://127.0.0.1:0", "--environment=Development"]);
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.Authority = authority;
            o.Audience = "cinema-api";
            o.RequireHttpsMetadata = false;
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/whoami", (HttpContext c) => c.User.Identity?.IsAuthenticated == true ? Results.Ok() : Results.Unauthorized()).RequireAuthorization();
        await app.StartAsync();
        return app;
    }
}
