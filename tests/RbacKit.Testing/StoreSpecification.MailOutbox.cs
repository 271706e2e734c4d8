using System.Security.Cryptography;
using RbacKit.Mail;

namespace RbacKit.Testing;

public abstract partial class StoreSpecificationTests
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>Removes what earlier tests on the same database left queued, so counts and order below are this test's own.</summary>
    private async Task DrainOutboxAsync()
    {
        var claimId = Guid.CreateVersion7();
        var farFuture = Time.GetUtcNow().AddYears(50);
        var left = await Use<IMailOutboxStore, IReadOnlyList<OutboxMessage>>(s => s.ClaimAsync(claimId, farFuture, farFuture.AddMinutes(1), 100_000, default));
        foreach (var message in left)
        {
            await Use<IMailOutboxStore>(s => s.CompleteAsync(message.Id, claimId, default));
        }

        Assert.Equal(0, await Use<IMailOutboxStore, int>(s => s.CountAsync(default)));
    }

    private async Task<OutboxMessage> QueueAsync(TimeSpan? dueIn = null)
    {
        var now = Time.GetUtcNow();
        var message = new OutboxMessage
        {
            Id = IdGenerator.NewId(Time),
            To = UniqueEmail("to"),
            ProtectedContent = RandomNumberGenerator.GetBytes(64),
            CreatedAt = now,
            NextAttemptAt = now + (dueIn ?? TimeSpan.Zero),
        };
        await Use<IMailOutboxStore>(s => s.AddAsync(message, default));
        Time.Advance(TimeSpan.FromMilliseconds(1)); // distinct, ordered ids and creation times
        return message;
    }

    private Task<IReadOnlyList<OutboxMessage>> ClaimAsync(Guid claimId, int count = 100) =>
        Use<IMailOutboxStore, IReadOnlyList<OutboxMessage>>(s => s.ClaimAsync(claimId, Time.GetUtcNow(), Time.GetUtcNow() + ClaimFor, count, default));

    [Fact]
    public async Task Queued_mail_is_claimed_due_and_oldest_first_with_its_content()
    {
        await DrainOutboxAsync();
        var first = await QueueAsync();
        var second = await QueueAsync();
        var later = await QueueAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(3, await Use<IMailOutboxStore, int>(s => s.CountAsync(default)));

        var claimId = Guid.CreateVersion7();
        var claimed = await ClaimAsync(claimId, count: 1);
        var only = Assert.Single(claimed);
        Assert.Equal((first.Id, first.To, first.Attempts), (only.Id, only.To, only.Attempts));
        Assert.Equal(first.ProtectedContent, only.ProtectedContent);
        Assert.Equal((claimId, Time.GetUtcNow() + ClaimFor), (only.ClaimId!.Value, only.ClaimedUntil!.Value));

        // The not-yet-due message stays; the claimed one is not handed out again while its claim holds.
        Assert.Equal([second.Id], (await ClaimAsync(Guid.CreateVersion7())).Select(m => m.Id));
        Assert.Empty(await ClaimAsync(Guid.CreateVersion7()));
        Assert.NotEqual(default, later.Id);
    }

    [Fact]
    public async Task Completing_deletes_the_message_only_for_the_claim_that_holds_it()
    {
        await DrainOutboxAsync();
        var message = await QueueAsync();
        var claimId = Guid.CreateVersion7();
        Assert.Single(await ClaimAsync(claimId));

        await Use<IMailOutboxStore>(s => s.CompleteAsync(message.Id, Guid.CreateVersion7(), default));
        Assert.Equal(1, await Use<IMailOutboxStore, int>(s => s.CountAsync(default)));
        await Use<IMailOutboxStore>(s => s.CompleteAsync(message.Id, claimId, default));
        Assert.Equal(0, await Use<IMailOutboxStore, int>(s => s.CountAsync(default)));
    }

    [Fact]
    public async Task Retry_later_counts_the_attempt_frees_the_message_and_waits_for_the_next_attempt()
    {
        await DrainOutboxAsync();
        var message = await QueueAsync();
        var claimId = Guid.CreateVersion7();
        Assert.Single(await ClaimAsync(claimId));
        var next = Time.GetUtcNow().AddSeconds(30);

        await Use<IMailOutboxStore>(s => s.RetryLaterAsync(message.Id, Guid.CreateVersion7(), next, "stale claim", default)); // not the holder: no effect
        await Use<IMailOutboxStore>(s => s.RetryLaterAsync(message.Id, claimId, next, "SocketException: refused", default));

        Assert.Empty(await ClaimAsync(Guid.CreateVersion7()));
        Time.Advance(TimeSpan.FromSeconds(30));
        var again = Assert.Single(await ClaimAsync(Guid.CreateVersion7()));
        Assert.Equal((message.Id, 1, "SocketException: refused", next), (again.Id, again.Attempts, again.LastError, again.NextAttemptAt));
    }

    [Fact]
    public async Task An_expired_claim_is_claimed_again_and_the_old_holder_can_no_longer_complete_it()
    {
        await DrainOutboxAsync();
        var message = await QueueAsync();
        var crashed = Guid.CreateVersion7();
        Assert.Single(await ClaimAsync(crashed));

        Time.Advance(ClaimFor);
        Assert.Empty(await ClaimAsync(Guid.CreateVersion7())); // the claim holds up to its last instant
        Time.Advance(TimeSpan.FromSeconds(1));
        var successor = Guid.CreateVersion7();
        Assert.Equal([message.Id], (await ClaimAsync(successor)).Select(m => m.Id));

        await Use<IMailOutboxStore>(s => s.CompleteAsync(message.Id, crashed, default));
        Assert.Equal(1, await Use<IMailOutboxStore, int>(s => s.CountAsync(default)));
        await Use<IMailOutboxStore>(s => s.CompleteAsync(message.Id, successor, default));
        Assert.Equal(0, await Use<IMailOutboxStore, int>(s => s.CountAsync(default)));
    }

    [Fact]
    public async Task Concurrent_claimers_never_get_the_same_message()
    {
        await DrainOutboxAsync();
        var queued = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            queued.Add((await QueueAsync()).Id);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => ClaimAsync(Guid.CreateVersion7(), count: 10))));
        var ids = claims.SelectMany(c => c.Select(m => m.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Contains(id, queued));
        Assert.All(claims.Where(c => c.Count > 0), c => Assert.Single(c.Select(m => m.ClaimId).Distinct()));

        // Whatever no claimer took is still there for the next pass: nothing is lost.
        var rest = await ClaimAsync(Guid.CreateVersion7());
        Assert.Equal(queued.Order(), ids.Concat(rest.Select(m => m.Id)).Order());
    }
}
