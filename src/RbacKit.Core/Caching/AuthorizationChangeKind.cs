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
    /// <summary>A signing key was added to the ring or its schedule changed: reload the key ring (<see cref="AuthorizationChange.Id"/> is empty).</summary>
    SigningKeys = 5,
    /// <summary>A signing key was withdrawn: drop it from the ring at once (<see cref="AuthorizationChange.Id"/> = <see cref="Keys.KeyIds.ToChangeId"/> of its <c>kid</c>).</summary>
    SigningKeyWithdrawn = 6,
    /// <summary>An OAuth client was deleted, its secret rotated or its tokens revoked (<see cref="AuthorizationChange.Id"/> = a digest of its <c>client_id</c>, the <see cref="TokenValidation.ValidatedAccessToken.UserId"/> of its tokens).</summary>
    Client = 7,
}
