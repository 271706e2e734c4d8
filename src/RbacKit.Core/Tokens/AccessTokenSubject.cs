namespace RbacKit.Tokens;

/// <summary>Who an access token is for.</summary>
/// <param name="UserId">The user (<c>sub</c>).</param>
/// <param name="SessionId">The session (<c>sid</c>).</param>
/// <param name="AuthorizationVersion">The user's authorization version (<c>ver</c>).</param>
/// <param name="Roles">Role names.</param>
/// <param name="Permissions">Granted permission names and wildcards.</param>
public sealed record AccessTokenSubject(Guid UserId, Guid SessionId, long AuthorizationVersion, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions);
