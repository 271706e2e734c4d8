using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CinemaCatalogService.Tests;

/// <summary>
/// The catalog service in process (WebApplicationFactory over the sample's own Program) trusting a real issuer on
/// loopback through its Authority (discovery + JWKS), exactly as configured in production: Auth:Authority, Auth:Issuer,
/// Auth:Audience. No Redis: this service then validates tokens offline only.
/// </summary>
public sealed class CatalogServiceFixture : IAsyncLifetime
{
    public const string IssuerName = "urn:rbackit:cinema-auth-tests";

    private IssuerHost? _issuer;
    private WebApplicationFactory<Program>? _service;

    public IssuerHost Issuer => _issuer ?? throw new InvalidOperationException("not started");

    public WebApplicationFactory<Program> Service => _service ?? throw new InvalidOperationException("not started");

    /// <summary>A reader's token (role <c>user</c>: <c>movies:read</c>).</summary>
    public string ReaderToken { get; private set; } = "";

    /// <summary>A writer's token (role <c>moderator</c>: <c>movies:*</c>).</summary>
    public string WriterToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _issuer = await IssuerHost.StartAsync(IssuerName);
        _service = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Auth:Authority", _issuer.Authority);
            web.UseSetting("Auth:Issuer", IssuerName);
            web.UseSetting("Auth:Audience", IssuerHost.Audience);
            web.UseSetting("ConnectionStrings:Redis", "");
            web.ConfigureLogging(logging => logging.ClearProviders());
        });
        _ = _service.Server; // start it
        ReaderToken = await _issuer.SignInAsync("reader@cinema.test");
        WriterToken = await _issuer.SignInAsync("writer@cinema.test", "moderator");
    }

    public HttpClient CreateClient(string? accessToken)
    {
        var client = Service.CreateClient();
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }
}
