namespace RbacKit.Caching;

/// <summary>One change notification.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Id">The user, session or role id (for a withdrawn signing key, a digest of its <c>kid</c>).</param>
public readonly record struct AuthorizationChange(AuthorizationChangeKind Kind, Guid Id);
