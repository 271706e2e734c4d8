namespace RbacKit.Stores;

/// <summary>Session <paramref name="SessionId"/> was used at <paramref name="SeenAt"/>; see <see cref="ISessionStore.TouchAsync"/>.</summary>
/// <param name="SessionId">The session (<c>sid</c>).</param>
/// <param name="SeenAt">When one of its access tokens was used.</param>
public readonly record struct SessionSighting(Guid SessionId, DateTimeOffset SeenAt);
