using Microsoft.Extensions.DependencyInjection;
using RbacKit.Stores;

namespace CinemaAuthHost.Tests;

/// <summary>
/// Two instances started at the same moment on an empty PostgreSQL database, without Redis, so nothing but the database
/// can make them agree (issue 16): both migrate and seed, and they end with one signing key that both sign with.
/// </summary>
public sealed class PostgresConcurrentStartTests : IAsyncLifetime
{
    private readonly PostgresStorage _storage = new();
    private CinemaHost[] _hosts = [];

    public async Task InitializeAsync()
    {
        (string, string)[] settings = [("ConnectionStrings:Redis", "")];
        _hosts = await Task.WhenAll(Task.Run(() => CinemaHost.StartAsync(_storage, settings)), Task.Run(() => CinemaHost.StartAsync(_storage, settings)));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Both_end_with_one_signing_key_that_both_sign_with()
    {
        await using (var scope = _hosts[0].Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ISigningKeyStore>().ListAsync(default);
            Assert.Single(stored);
        }

        var kids = new List<string>();
        foreach (var host in _hosts)
        {
            var account = await host.RegisterAsync("concurrent-start");
            kids.Add(TokenKeys.Of((await host.LoginAsync(account)).AccessToken));
            Assert.Equal([kids[0]], await TokenKeys.PublishedAsync(host));
        }

        Assert.Equal(kids[0], kids[1]);
    }
}
