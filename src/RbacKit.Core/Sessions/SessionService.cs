using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RbacKit.Caching;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Sessions;

internal sealed partial class SessionService(
    ISessionStore store,
    IUserStore users,
    IAuthorizationChangeFeed feed,
    IOptions<RbacKitOptions> options,
    TimeProvider time,
    ILogger<SessionService> logger) : ISessionService
{
    private readonly SessionOptions _options = options.Value.Sessions;

    public async Task<SessionStart> StartAsync(Guid userId, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        var session = new Session
        {
            Id = IdGenerator.NewId(time),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + _options.AbsoluteLifetime,
            IpAddress = Text.Truncate(client.IpAddress, 64),
            UserAgent = Text.Truncate(client.UserAgent, _options.MaxUserAgentLength),
        };
        var token = RefreshTokens.Create();
        await store.CreateAsync(session, NewRecord(token, session, now), cancellationToken).ConfigureAwait(false);
        return new SessionStart(session.Id, token);
    }

    public async Task<RbacResult<SessionRefresh>> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken) || refreshToken.Length > RefreshTokens.MaxTextLength)
        {
            return InvalidToken();
        }

        var hash = RefreshTokens.Hash(refreshToken);
        var record = await store.FindRefreshTokenAsync(hash, cancellationToken).ConfigureAwait(false);
        if (record is null || !CryptographicOperations.FixedTimeEquals(record.TokenHash, hash))
        {
            return InvalidToken();
        }

        var now = time.GetUtcNow();
        var session = await store.FindAsync(record.SessionId, cancellationToken).ConfigureAwait(false);
        if (session is null || !session.IsActiveAt(now))
        {
            return InvalidToken();
        }

        if (record.ConsumedAt is not null)
        {
            await RevokeForReuseAsync(session, cancellationToken).ConfigureAwait(false);
            return new RbacError(RbacErrorKind.Unauthenticated, RbacErrorCodes.TokenReused,
                "This refresh token was already used; the session has been ended. Sign in again.");
        }

        if (record.ExpiresAt <= now)
        {
            return InvalidToken();
        }

        var user = await users.FindByIdAsync(session.UserId, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true })
        {
            return InvalidToken();
        }

        var next = RefreshTokens.Create();
        if (!await store.TryRotateAsync(hash, NewRecord(next, session, now), now, cancellationToken).ConfigureAwait(false))
        {
            // Another request spent the same token first: that is reuse.
            await RevokeForReuseAsync(session, cancellationToken).ConfigureAwait(false);
            return new RbacError(RbacErrorKind.Unauthenticated, RbacErrorCodes.TokenReused,
                "This refresh token was already used; the session has been ended. Sign in again.");
        }

        return new SessionRefresh(session.UserId, session.Id, next);
    }

    public async Task<RbacResult> RevokeAsync(Guid userId, Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        var session = await store.FindAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null || session.UserId != userId || session.RevokedAt is not null)
        {
            return RbacError.NotFound("session");
        }

        await store.RevokeAsync(sessionId, reason, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Session, sessionId), cancellationToken).ConfigureAwait(false);
        return RbacResult.Success;
    }

    public async Task<bool> RevokeByRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken) || refreshToken.Length > RefreshTokens.MaxTextLength)
        {
            return false;
        }

        var hash = RefreshTokens.Hash(refreshToken);
        var record = await store.FindRefreshTokenAsync(hash, cancellationToken).ConfigureAwait(false);
        if (record is null || !CryptographicOperations.FixedTimeEquals(record.TokenHash, hash)
            || !await store.RevokeAsync(record.SessionId, "token_revoked", time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Session, record.SessionId), cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<int> RevokeAllAsync(Guid userId, Guid? exceptSessionId, string reason, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeAllAsync(userId, exceptSessionId, reason, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var id in revoked)
        {
            await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Session, id), cancellationToken).ConfigureAwait(false);
        }

        return revoked.Count;
    }

    private async Task RevokeForReuseAsync(Session session, CancellationToken cancellationToken)
    {
        CoreLog.RefreshTokenReused(logger, session.Id, session.UserId);
        await store.RevokeAsync(session.Id, "token_reused", time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Session, session.Id), cancellationToken).ConfigureAwait(false);
    }

    private RefreshToken NewRecord(string token, Session session, DateTimeOffset now)
    {
        var idleEnd = now + _options.IdleLifetime;
        return new RefreshToken
        {
            TokenHash = RefreshTokens.Hash(token),
            SessionId = session.Id,
            CreatedAt = now,
            ExpiresAt = idleEnd < session.ExpiresAt ? idleEnd : session.ExpiresAt,
        };
    }

    private static RbacError InvalidToken() =>
        new(RbacErrorKind.Unauthenticated, RbacErrorCodes.InvalidToken, "The refresh token is invalid or expired.");
}
