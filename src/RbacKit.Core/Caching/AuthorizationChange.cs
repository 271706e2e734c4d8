namespace RbacKit.Caching;

/// <summary>What changed, so that every instance drops the cached state it concerns.</summary>
public enum AuthorizationChangeKind
{
    /// <summary>A user's roles, active flag or authorization version changed (<see cref="AuthorizationChange.Id"/> = user id).</summary>
    User = 1,
    /// <summary>A session was revoked (<see cref="AuthorizationChange.Id"/> = session id).</summary>
    Session = 2,
    /// <summary>A role's permissions changed; every cached user may be affected (<see cref="AuthorizationChange.Id"/> = role id).</summary>
    Role = 3,
    /// <summary>Anything may have changed (for example notifications were missed while Redis was down): drop every cached entry.</summary>
    Everything = 4,
}

/// <summary>One change notification.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Id">The user, session or role id.</param>
public readonly record struct AuthorizationChange(AuthorizationChangeKind Kind, Guid Id);
