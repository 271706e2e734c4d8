using CinemaAuthHost.Tests;

namespace CinemaAuthHost.BrowserTests;

/// <summary>
/// One CinemaAuthHost on Kestrel at a loopback port (the end-to-end tests' <see cref="CinemaHost"/>) on fresh storage,
/// sending mail through the SMTP server of ./test.sh, with its OpenID Connect provider as an external sign-in, with confirmed addresses required (as outside Development), and
/// one Chromium for the tests of a class.
/// </summary>
public abstract class PagesFixture : IAsyncLifetime
{
    private HostStorage? _storage;
    private CinemaHost? _host;
    private Browser? _browser;

    public abstract string Provider { get; }

    public CinemaHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialized.");

    public Browser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialized.");

    protected abstract HostStorage CreateStorage();

    /// <summary>The real OpenID Connect provider of ./test.sh (npm oidc-provider) as the sign-in page's "Test OIDC" button.</summary>
    private static (string Key, string Value)[] ExternalProvider =>
    [
        ("RbacKit:External:Providers:oidc:Authority", Environment.GetEnvironmentVariable("RBACKIT_TEST_OIDC_ISSUER") is { Length: > 0 } issuer
            ? issuer
            : throw new InvalidOperationException("RBACKIT_TEST_OIDC_ISSUER is not set: run the tests through ./test.sh, which starts the OpenID Connect provider.")),
        ("RbacKit:External:Providers:oidc:ClientId", "rbackit-test"),
        ("RbacKit:External:Providers:oidc:ClientSecret", "rbackit-test-secret"),
        ("RbacKit:External:Providers:oidc:DisplayName", "Test OIDC"),
        ("RbacKit:External:Providers:oidc:RequireHttpsMetadata", "false"),
    ];

    public async Task InitializeAsync()
    {
        _storage = CreateStorage();
        _host = await CinemaHost.StartAsync(_storage, [.. SmtpServer.Shared.HostSettings, ("RbacKit:Accounts:RequireConfirmedEmail", "true"), .. ExternalProvider]);
        _browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }
}

public sealed class SqlitePagesFixture : PagesFixture
{
    public override string Provider => "SQLite";

    protected override HostStorage CreateStorage() => new SqliteStorage();
}

public sealed class PostgresPagesFixture : PagesFixture
{
    public override string Provider => "PostgreSQL + Redis";

    protected override HostStorage CreateStorage() => new PostgresStorage();
}
