using System.Net;
using CinemaAuthHost.Cli;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Tokens;

namespace CinemaAuthHost.Tests;

/// <summary>
/// Two instances on one PostgreSQL database and Redis (issue 12): a key rotated or withdrawn on one is published or
/// dropped on both through the change feed, at once rather than at the next key refresh (5 minutes). The poll only bounds
/// a slow machine; the product's own budget for a withdrawal is 1 s.
/// </summary>
public sealed class PostgresKeyRotationTests : IAsyncLifetime
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(5);
    private readonly PostgresStorage _storage = new();
    private CinemaHost _a = null!;
    private CinemaHost _b = null!;

    public async Task InitializeAsync()
    {
        _a = await CinemaHost.StartAsync(_storage);
        _b = await CinemaHost.StartAsync(_storage);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task A_withdrawn_key_is_refused_and_unpublished_on_both_instances()
    {
        var account = await _a.RegisterAsync("withdrawn-key");
        var token = (await _a.LoginAsync(account)).AccessToken;
        var kid = TokenKeys.Of(token);
        using var onA = _a.CreateClient(token);
        using var onB = _b.CreateClient(token);
        for (var i = 0; i < 2; i++)
        {
            // The second round is answered from each instance's validated-token cache.
            await (await onA.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
            await (await onB.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        }

        // What `rotate-keys --revoke KID` runs, on instance A: the key is the only one that can sign, so a replacement comes first.
        await using var output = new StringWriter();
        Assert.Equal(0, await KeyCommands.WithdrawAsync(_a.Services, _a.Services.GetRequiredService<IKeyRing>(), kid, output, CancellationToken.None));
        Assert.Contains($"Withdrew key {kid}", output.ToString(), StringComparison.Ordinal);

        foreach (var (host, client) in new[] { (_a, onA), (_b, onB) })
        {
            await Http.EventuallyAsync(
                async () => (await client.GetAsync("/me")).StatusCode == HttpStatusCode.Unauthorized && !(await TokenKeys.PublishedAsync(host)).Contains(kid),
                Propagation, $"the withdrawal of {kid} reaches {host.BaseAddress}");
        }

        // Tokens keep being issued, by the replacement, and both instances accept them.
        var fresh = (await _b.LoginAsync(account)).AccessToken;
        Assert.NotEqual(kid, TokenKeys.Of(fresh));
        using var freshOnA = _a.CreateClient(fresh);
        await (await freshOnA.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_rotated_key_is_published_on_both_instances_at_once_and_does_not_sign_yet()
    {
        var account = await _a.RegisterAsync("rotated-key");
        var oldKid = TokenKeys.Of((await _a.LoginAsync(account)).AccessToken);

        var newKid = await _a.Services.GetRequiredService<IKeyRing>().RotateAsync(CancellationToken.None);

        foreach (var host in new[] { _a, _b })
        {
            await Http.EventuallyAsync(async () => (await TokenKeys.PublishedAsync(host)).Contains(newKid), Propagation, $"the new key reaches {host.BaseAddress}");
            Assert.Equal(oldKid, TokenKeys.Of((await host.LoginAsync(account)).AccessToken));
        }
    }
}
