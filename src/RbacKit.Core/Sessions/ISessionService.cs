namespace RbacKit.Sessions;

/// <summary>Sessions and refresh-token rotation with reuse detection.</summary>
public interface ISessionService
{
    /// <summary>Starts a session for a user who just proved who they are.</summary>
    Task<SessionStart> StartAsync(Guid userId, ClientInfo client, CancellationToken cancellationToken);

    /// <summary>
    /// Spends a refresh token and returns a new one. A token presented a second time revokes its whole session
    /// (<see cref="RbacErrorCodes.TokenReused"/>); unknown, expired or revoked tokens give <see cref="RbacErrorCodes.InvalidToken"/>.
    /// </summary>
    Task<RbacResult<SessionRefresh>> RefreshAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>Ends one session of the user; <see cref="RbacErrorCodes.NotFound"/> when it is not theirs or not live.</summary>
    Task<RbacResult> RevokeAsync(Guid userId, Guid sessionId, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the session of a refresh token (RFC 7009: its holder revokes it), spent or not; false when the token is unknown
    /// or its session already ended.
    /// </summary>
    Task<bool> RevokeByRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>Ends every session of the user except <paramref name="exceptSessionId"/>.</summary>
    Task<int> RevokeAllAsync(Guid userId, Guid? exceptSessionId, string reason, CancellationToken cancellationToken);
}
