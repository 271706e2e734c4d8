using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

public abstract partial class StoreSpecificationTests
{
    private async Task<(Session Session, RefreshToken Token)> StartSessionAsync(Guid userId, TimeSpan? lifetime = null)
    {
        var (session, token) = NewSession(userId, lifetime);
        await Use<ISessionStore>(s => s.CreateAsync(session, token, default));
        return (session, token);
    }

    [Fact]
    public async Task Sessions_and_tokens_round_trip()
    {
        var user = await CreateUserAsync();
        var (session, token) = await StartSessionAsync(user.Id);
        var found = (await Use<ISessionStore, Session?>(s => s.FindAsync(session.Id, default)))!;
        Assert.Equal((session.UserId, session.IpAddress, session.ExpiresAt), (found.UserId, found.IpAddress, found.ExpiresAt));
        var stored = (await Use<ISessionStore, RefreshToken?>(s => s.FindRefreshTokenAsync(token.TokenHash, default)))!;
        Assert.Equal(session.Id, stored.SessionId);
        Assert.Null(stored.ConsumedAt);
        Assert.Null(await Use<ISessionStore, RefreshToken?>(s => s.FindRefreshTokenAsync(new byte[32], default)));
    }

    [Fact]
    public async Task A_token_rotates_once()
    {
        var user = await CreateUserAsync();
        var (session, token) = await StartSessionAsync(user.Id);
        Time.Advance(TimeSpan.FromMinutes(5));
        var next = NewToken(session.Id);
        Assert.True(await Use<ISessionStore, bool>(s => s.TryRotateAsync(token.TokenHash, next, Time.GetUtcNow(), default)));
        Assert.False(await Use<ISessionStore, bool>(s => s.TryRotateAsync(token.TokenHash, NewToken(session.Id), Time.GetUtcNow(), default)));
        Assert.Equal(Time.GetUtcNow(), (await Use<ISessionStore, RefreshToken?>(s => s.FindRefreshTokenAsync(token.TokenHash, default)))!.ConsumedAt);
        Assert.NotNull(await Use<ISessionStore, RefreshToken?>(s => s.FindRefreshTokenAsync(next.TokenHash, default)));
        Assert.Equal(Time.GetUtcNow(), (await Use<ISessionStore, Session?>(s => s.FindAsync(session.Id, default)))!.LastSeenAt);
    }

    [Fact]
    public async Task Parallel_rotations_of_one_token_give_at_most_one_success()
    {
        var user = await CreateUserAsync();
        var (session, token) = await StartSessionAsync(user.Id);
        var attempts = Enumerable.Range(0, 20).Select(_ => NewToken(session.Id)).ToList();
        var results = await Task.WhenAll(attempts.Select(next => Task.Run(() =>
            Use<ISessionStore, bool>(s => s.TryRotateAsync(token.TokenHash, next, Time.GetUtcNow(), default)))));
        Assert.Equal(1, results.Count(r => r));
        var stored = await Task.WhenAll(attempts.Select(a => Use<ISessionStore, RefreshToken?>(s => s.FindRefreshTokenAsync(a.TokenHash, default))));
        Assert.Equal(1, stored.Count(t => t is not null)); // no orphan tokens from the losers
    }

    [Fact]
    public async Task Listing_shows_only_live_sessions_newest_first()
    {
        var user = await CreateUserAsync();
        var (old, _) = await StartSessionAsync(user.Id);
        Time.Advance(TimeSpan.FromSeconds(1));
        var (revoked, _) = await StartSessionAsync(user.Id);
        Time.Advance(TimeSpan.FromSeconds(1));
        await StartSessionAsync(user.Id, TimeSpan.FromMinutes(1));
        Time.Advance(TimeSpan.FromSeconds(1));
        var (newest, _) = await StartSessionAsync(user.Id);
        Assert.True(await Use<ISessionStore, bool>(s => s.RevokeAsync(revoked.Id, "logout", Time.GetUtcNow(), default)));
        Assert.False(await Use<ISessionStore, bool>(s => s.RevokeAsync(revoked.Id, "logout", Time.GetUtcNow(), default)));
        Time.Advance(TimeSpan.FromMinutes(2));
        var live = await Use<ISessionStore, IReadOnlyList<Session>>(s => s.ListActiveAsync(user.Id, Time.GetUtcNow(), default));
        Assert.Equal([newest.Id, old.Id], live.Select(s => s.Id));
        var stored = (await Use<ISessionStore, Session?>(s => s.FindAsync(revoked.Id, default)))!;
        Assert.Equal("logout", stored.RevokedReason);
    }

    [Fact]
    public async Task Revoke_all_spares_the_given_session_and_returns_the_rest()
    {
        var user = await CreateUserAsync();
        var other = await CreateUserAsync();
        var (keep, _) = await StartSessionAsync(user.Id);
        var (a, _) = await StartSessionAsync(user.Id);
        var (b, _) = await StartSessionAsync(user.Id);
        var (foreign, _) = await StartSessionAsync(other.Id);
        var revoked = await Use<ISessionStore, IReadOnlyList<Guid>>(s => s.RevokeAllAsync(user.Id, keep.Id, "logout_others", Time.GetUtcNow(), default));
        Assert.Equal(new[] { a.Id, b.Id }.Order(), revoked.Order());
        Assert.Empty(await Use<ISessionStore, IReadOnlyList<Guid>>(s => s.RevokeAllAsync(user.Id, keep.Id, "logout_others", Time.GetUtcNow(), default)));
        Assert.Single(await Use<ISessionStore, IReadOnlyList<Session>>(s => s.ListActiveAsync(other.Id, Time.GetUtcNow(), default)), s => s.Id == foreign.Id);
        Assert.Equal([keep.Id], (await Use<ISessionStore, IReadOnlyList<Session>>(s => s.ListActiveAsync(user.Id, Time.GetUtcNow(), default))).Select(s => s.Id));
        Assert.Single(await Use<ISessionStore, IReadOnlyList<Guid>>(s => s.RevokeAllAsync(user.Id, null, "deactivated", Time.GetUtcNow(), default)));
    }

    [Fact]
    public async Task Touch_moves_last_seen_forward_only()
    {
        var user = await CreateUserAsync();
        var (a, _) = await StartSessionAsync(user.Id);
        var (b, _) = await StartSessionAsync(user.Id);
        var start = Time.GetUtcNow();
        var later = start.AddMinutes(3);
        Assert.Equal(0, await Use<ISessionStore, int>(s => s.TouchAsync([], default)));

        // A later time moves; an earlier one and an unknown session change nothing.
        Assert.Equal(1, await Use<ISessionStore, int>(s => s.TouchAsync([new(a.Id, later), new(b.Id, start.AddMinutes(-3)), new(Guid.CreateVersion7(), later)], default)));
        Assert.Equal(later, (await Use<ISessionStore, Session?>(s => s.FindAsync(a.Id, default)))!.LastSeenAt);
        Assert.Equal(start, (await Use<ISessionStore, Session?>(s => s.FindAsync(b.Id, default)))!.LastSeenAt);

        // A sighting older than a later write (another instance, a refresh) does not move it back.
        Assert.Equal(1, await Use<ISessionStore, int>(s => s.TouchAsync([new(a.Id, start.AddMinutes(1)), new(b.Id, start.AddMinutes(2))], default)));
        Assert.Equal(later, (await Use<ISessionStore, Session?>(s => s.FindAsync(a.Id, default)))!.LastSeenAt);
        Assert.Equal(start.AddMinutes(2), (await Use<ISessionStore, Session?>(s => s.FindAsync(b.Id, default)))!.LastSeenAt);
        Assert.Equal(0, await Use<ISessionStore, int>(s => s.TouchAsync([new(b.Id, start.AddMinutes(2))], default)));
    }
}
