using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RbacKit.Caching;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore.Tests;

public sealed class RevocationListTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, 500, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InProcessChangeFeed _feed = new();
    private readonly RbacKitResourceServerOptions _options = new();

    [Fact]
    public async Task A_revoked_session_rejects_its_tokens_only()
    {
        using var list = Create();
        var token = Token(issuedAt: Start.AddSeconds(-5));
        await _feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Session, token.SessionId), default);

        Assert.True(list.IsRevoked(token));
        Assert.False(list.IsRevoked(Token(issuedAt: Start.AddSeconds(-5))));
    }

    [Fact]
    public async Task A_changed_user_rejects_tokens_issued_before_the_change()
    {
        using var list = Create();
        var userId = Guid.NewGuid();
        await _feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.User, userId), default);

        Assert.True(list.IsRevoked(Token(userId, Start.AddSeconds(-1))));
        Assert.True(list.IsRevoked(Token(userId, Start.AddMilliseconds(-500))), "same second as the change: refused once, the client refreshes");
        Assert.False(list.IsRevoked(Token(userId, Start.AddSeconds(1))));
        Assert.False(list.IsRevoked(Token(Guid.NewGuid(), Start.AddSeconds(-1))));
    }

    [Fact]
    public async Task A_changed_client_rejects_its_tokens_issued_before_the_change()
    {
        using var list = Create();
        // A client's tokens carry the digest of its client_id as their user id, the id its change announces.
        var clientDigest = Guid.NewGuid();
        await _feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Client, clientDigest), default);

        Assert.True(list.IsRevoked(Token(clientDigest, Start.AddSeconds(-1))));
        Assert.False(list.IsRevoked(Token(clientDigest, Start.AddSeconds(1))));
        Assert.False(list.IsRevoked(Token(Guid.NewGuid(), Start.AddSeconds(-1))));
    }

    [Fact]
    public async Task A_role_change_rejects_every_older_token_unless_turned_off()
    {
        using var list = Create();
        await _feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Role, Guid.NewGuid()), default);
        Assert.True(list.IsRevoked(Token(issuedAt: Start.AddSeconds(-1))));
        Assert.False(list.IsRevoked(Token(issuedAt: Start.AddSeconds(2))));

        _options.RevokeTokensOnRoleChange = false;
        var feed = new InProcessChangeFeed();
        using var lenient = new RevocationList(feed, Options.Create(_options), _time);
        await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Role, Guid.NewGuid()), default);
        Assert.False(lenient.IsRevoked(Token(issuedAt: Start.AddSeconds(-1))));
    }

    [Fact]
    public async Task Replayed_journal_entries_count_from_when_they_happened()
    {
        var journal = new Journal();
        using var list = new RevocationList(_feed, Options.Create(_options), _time, journal);
        var session = Token(issuedAt: Start.AddMinutes(-20));
        var userId = Guid.NewGuid();
        journal.Replay(new AuthorizationChange(AuthorizationChangeKind.Session, session.SessionId), Start.AddMinutes(-10));
        journal.Replay(new AuthorizationChange(AuthorizationChangeKind.User, userId), Start.AddMinutes(-10));

        Assert.True(list.IsRevoked(session));
        Assert.True(list.IsRevoked(Token(userId, Start.AddMinutes(-11))));
        Assert.False(list.IsRevoked(Token(userId, Start.AddMinutes(-9))), "a token issued after the change is current");

        // A live change is newer than anything replayed; an older replay never moves the cut-off back.
        await _feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.User, userId), default);
        journal.Replay(new AuthorizationChange(AuthorizationChangeKind.User, userId), Start.AddMinutes(-30));
        Assert.True(list.IsRevoked(Token(userId, Start.AddMinutes(-9))));

        // A change older than any live token is ignored; a replayed role change rejects tokens issued before it only.
        var stale = Guid.NewGuid();
        journal.Replay(new AuthorizationChange(AuthorizationChangeKind.User, stale), Start - _options.MaxAccessTokenLifetime - TimeSpan.FromMinutes(5));
        Assert.False(list.IsRevoked(Token(stale, Start.AddMinutes(-1))));
        journal.Replay(new AuthorizationChange(AuthorizationChangeKind.Role, Guid.NewGuid()), Start.AddMinutes(-5));
        Assert.True(list.IsRevoked(Token(issuedAt: Start.AddMinutes(-6))));
        Assert.False(list.IsRevoked(Token(issuedAt: Start.AddMinutes(-4))));
    }

    [Fact]
    public async Task Everything_after_a_reconnection_rejects_older_tokens_but_not_at_start_up()
    {
        using var list = Create();
        await _feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Everything, Guid.Empty), default);
        Assert.False(list.IsRevoked(Token(issuedAt: Start.AddSeconds(-1))));

        _time.Advance(TimeSpan.FromSeconds(10));
        await _feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Everything, Guid.Empty), default);
        Assert.True(list.IsRevoked(Token(issuedAt: Start.AddSeconds(5))));
        Assert.False(list.IsRevoked(Token(issuedAt: Start.AddSeconds(12))));
    }

    private RevocationList Create() => new(_feed, Options.Create(_options), _time);

    private static ValidatedAccessToken Token(Guid? userId = null, DateTimeOffset? issuedAt = null)
    {
        var iat = DateTimeOffset.FromUnixTimeSeconds((issuedAt ?? Start).ToUnixTimeSeconds());
        return new ValidatedAccessToken
        {
            UserId = userId ?? Guid.NewGuid(),
            SessionId = Guid.NewGuid(),
            TokenId = "jti",
            KeyId = "kid",
            IssuedAt = iat,
            NotBefore = iat,
            ExpiresAt = iat.AddMinutes(10),
            AuthorizationVersion = 1,
            Roles = [],
            Permissions = [],
        };
    }

    private sealed class Journal : IChangeJournal
    {
        public event Action<AuthorizationChange, DateTimeOffset>? Replayed;

        public void Replay(AuthorizationChange change, DateTimeOffset at) => Replayed?.Invoke(change, at);
    }
}
