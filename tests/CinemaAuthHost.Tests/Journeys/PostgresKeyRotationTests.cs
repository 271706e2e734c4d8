using System.Net;
using CinemaAuthHost.Cli;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Keys;

namespace CinemaAuthHost.Tests;

/// <summary>
/// Two instances on one PostgreSQL database and Redis (issue 12): a key rotated or withdrawn on one is published or
/// dropped on both through the change feed, at once rather than at the next key refresh (5 minutes). The poll only bounds
/// a slow machine; the product's own budget for a withdrawal is 1 s.
/// </summary>
public sealed class PostgresKeyRotationTests : PostgresInstancePair
{
    [Fact]
    public async Task A_withdrawn_key_is_refused_and_unpublished_on_both_instances()
    {
        var account = await A.RegisterAsync("withdrawn-key");
        var token = (await A.LoginAsync(account)).AccessToken;
        var kid = TokenKeys.Of(token);
        using var onA = A.CreateClient(token);
        using var onB = B.CreateClient(token);
        for (var i = 0; i < 2; i++)
        {
            // The second round is answered from each instance's validated-token cache.
            await (await onA.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
            await (await onB.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        }

        // What `rotate-keys --revoke KID` runs, on instance A: the key is the only one that can sign, so a replacement comes first.
        await using var output = new StringWriter();
        Assert.Equal(0, await KeyCommands.WithdrawAsync(A.Services, A.Services.GetRequiredService<IKeyRing>(), kid, output, CancellationToken.None));
        Assert.Contains($"Withdrew key {kid}", output.ToString(), StringComparison.Ordinal);

        foreach (var (host, client) in new[] { (A, onA), (B, onB) })
        {
            await Http.EventuallyAsync(
                async () => (await client.GetAsync("/me")).StatusCode == HttpStatusCode.Unauthorized && !(await TokenKeys.PublishedAsync(host)).Contains(kid),
                Propagation, $"the withdrawal of {kid} reaches {host.BaseAddress}");
        }

        // Tokens keep being issued, by the replacement, and both instances accept them.
        var fresh = (await B.LoginAsync(account)).AccessToken;
        Assert.NotEqual(kid, TokenKeys.Of(fresh));
        using var freshOnA = A.CreateClient(fresh);
        await (await freshOnA.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_rotated_key_is_published_on_both_instances_at_once_and_does_not_sign_yet()
    {
        var account = await A.RegisterAsync("rotated-key");
        var oldKid = TokenKeys.Of((await A.LoginAsync(account)).AccessToken);

        var newKid = await A.Services.GetRequiredService<IKeyRing>().RotateAsync(CancellationToken.None);

        foreach (var host in new[] { A, B })
        {
            await Http.EventuallyAsync(async () => (await TokenKeys.PublishedAsync(host)).Contains(newKid), Propagation, $"the new key reaches {host.BaseAddress}");
            Assert.Equal(oldKid, TokenKeys.Of((await host.LoginAsync(account)).AccessToken));
        }
    }
}
