namespace CinemaAuthHost.Tests;

/// <summary>
/// A host whose provider <c>second</c> is the real oidc-provider seen through a <see cref="TamperingProxy"/> on the
/// back channel, for the ID token checks of the OpenIdConnect handler.
/// </summary>
public abstract class TamperingHostFixture : IAsyncLifetime
{
    private HostStorage? _storage;

    public CinemaHost Host { get; private set; } = null!;

    public TamperingProxy Proxy { get; private set; } = null!;

    public abstract HostStorage CreateStorage();

    public async Task InitializeAsync()
    {
        Proxy = await TamperingProxy.StartAsync(ExternalHostFixture.Issuer);
        _storage = CreateStorage();
        Host = await CinemaHost.StartAsync(_storage,
        [
            .. ExternalHostFixture.Settings,
            ("RbacKit:External:Providers:second:Authority", ExternalHostFixture.Issuer),
            ("RbacKit:External:Providers:second:MetadataAddress", Proxy.MetadataAddress.AbsoluteUri),
            ("RbacKit:External:Providers:second:ClientId", "rbackit-test"),
            ("RbacKit:External:Providers:second:ClientSecret", "rbackit-test-secret"),
            ("RbacKit:External:Providers:second:RequireHttpsMetadata", "false"),
        ]);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Proxy.DisposeAsync();
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }
}

public sealed class SqliteTamperingHostFixture : TamperingHostFixture
{
    public override HostStorage CreateStorage() => new SqliteStorage();
}

public sealed class PostgresTamperingHostFixture : TamperingHostFixture
{
    public override HostStorage CreateStorage() => new PostgresStorage();
}

/// <summary>
/// A wrong <c>nonce</c>, a changed ID token payload and a broken signature end the flow with <c>#error=provider_error</c>
/// and no code; the same flow through the untouched proxy succeeds, so the refusals come from the checks and nothing else.
/// </summary>
public abstract class ExternalTokenTamperingTests(TamperingHostFixture fixture)
{
    [Theory]
    [InlineData(Tampering.WrongNonce)]
    [InlineData(Tampering.ChangedPayload)]
    [InlineData(Tampering.BrokenSignature)]
    public async Task A_tampered_id_token_signs_nobody_in(Tampering tampering)
    {
        var login = $"tamper-{Guid.NewGuid():N}@example.test";
        fixture.Proxy.Mode = tampering;
        Assert.Equal("error=provider_error", await RunAsync(login));

        fixture.Proxy.Mode = Tampering.None;
        Assert.StartsWith("code=", await RunAsync(login), StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(string login)
    {
        using var browser = new ExternalBrowser();
        var start = await browser.GetAsync(new Uri(fixture.Host.BaseAddress,
            $"/auth/external/second?returnUrl={Uri.EscapeDataString(ExternalHostFixture.ReturnUrl)}"));
        var end = await browser.FollowAsync(start, login, u => u.AbsoluteUri.StartsWith(ExternalHostFixture.ReturnUrl, StringComparison.Ordinal));
        return end.Fragment.TrimStart('#');
    }
}

public sealed class SqliteExternalTokenTamperingTests(SqliteTamperingHostFixture fixture)
    : ExternalTokenTamperingTests(fixture), IClassFixture<SqliteTamperingHostFixture>;

public sealed class PostgresExternalTokenTamperingTests(PostgresTamperingHostFixture fixture)
    : ExternalTokenTamperingTests(fixture), IClassFixture<PostgresTamperingHostFixture>;
