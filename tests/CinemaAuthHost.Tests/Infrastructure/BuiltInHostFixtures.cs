namespace CinemaAuthHost.Tests;

/// <summary>
/// A host whose providers are the built-in types Yandex (<c>yandex</c>), GitHub (<c>github</c>) and Google
/// (<c>google</c>), their endpoints overridden (<c>RbacKit:External:Providers:{name}:AuthorizationEndpoint</c>, ...) to
/// point at a <see cref="ProviderStandIn"/>; <c>github-wrong-secret</c> is GitHub with a client secret the provider refuses.
/// </summary>
public abstract class BuiltInHostFixture : IAsyncLifetime
{
    public const string ReturnUrl = ExternalHostFixture.ReturnUrl;
    public const string WrongSecret = "github-wrong-secret";

    private HostStorage? _storage;
    private CinemaHost? _host;
    private ProviderStandIn? _standIn;

    public CinemaHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialized.");

    public ProviderStandIn StandIn => _standIn ?? throw new InvalidOperationException("The fixture is not initialized.");

    public abstract HostStorage CreateStorage();

    public async Task InitializeAsync()
    {
        _standIn = await ProviderStandIn.StartAsync();
        _storage = CreateStorage();
        _host = await CinemaHost.StartAsync(_storage,
        [
            .. _standIn.Settings("yandex", StandInKind.Yandex),
            .. _standIn.Settings("github", StandInKind.GitHub),
            .. _standIn.Settings("google", StandInKind.Google),
            .. _standIn.Settings(WrongSecret, StandInKind.GitHub, clientSecret: "not-the-secret"),
            ("RbacKit:External:AllowedReturnUrls:0", ReturnUrl),
        ]);
        foreach (var name in new[] { "yandex", "github", "google", WrongSecret })
        {
            _standIn.RegisterRedirect(new Uri(_host.BaseAddress, $"/auth/external/{name}/callback"));
        }
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

        if (_standIn is not null)
        {
            await _standIn.DisposeAsync();
        }
    }
}

public sealed class SqliteBuiltInHostFixture : BuiltInHostFixture
{
    public override HostStorage CreateStorage() => new SqliteStorage();
}

public sealed class PostgresBuiltInHostFixture : BuiltInHostFixture
{
    public override HostStorage CreateStorage() => new PostgresStorage();
}
