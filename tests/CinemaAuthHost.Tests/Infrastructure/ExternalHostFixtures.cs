namespace CinemaAuthHost.Tests;

/// <summary>
/// A host with the real OpenID Connect provider of ./test.sh (npm oidc-provider, <c>RBACKIT_TEST_OIDC_ISSUER</c>)
/// configured as provider <c>oidc</c>, on fresh storage per test class.
/// </summary>
public abstract class ExternalHostFixture : IAsyncLifetime
{
    public const string ReturnUrl = "http://app.test/signed-in";
    public const string Provider = "oidc";

    private HostStorage? _storage;
    private CinemaHost? _host;

    public static string Issuer { get; } = Environment.GetEnvironmentVariable("RBACKIT_TEST_OIDC_ISSUER") is { Length: > 0 } issuer
        ? issuer
        : throw new InvalidOperationException("RBACKIT_TEST_OIDC_ISSUER is not set: run the tests through ./test.sh, which starts the OpenID Connect provider.");

    public CinemaHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialized.");

    public abstract HostStorage CreateStorage();

    public static (string Key, string Value)[] Settings =>
    [
        ("RbacKit:External:Providers:oidc:Authority", Issuer),
        ("RbacKit:External:Providers:oidc:ClientId", "rbackit-test"),
        ("RbacKit:External:Providers:oidc:ClientSecret", "rbackit-test-secret"),
        ("RbacKit:External:Providers:oidc:DisplayName", "Test OIDC"),
        ("RbacKit:External:Providers:oidc:RequireHttpsMetadata", "false"),
        ("RbacKit:External:AllowedReturnUrls:0", ReturnUrl),
    ];

    public async Task InitializeAsync()
    {
        _storage = CreateStorage();
        _host = await CinemaHost.StartAsync(_storage, Settings);
    }

    public async Task DisposeAsync()
    {
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

public sealed class SqliteExternalHostFixture : ExternalHostFixture
{
    public override HostStorage CreateStorage() => new SqliteStorage();
}

public sealed class PostgresExternalHostFixture : ExternalHostFixture
{
    public override HostStorage CreateStorage() => new PostgresStorage();
}
