namespace RbacKit.Tokens;

/// <summary>Which OAuth client an access token is for.</summary>
/// <param name="ClientId">The client (<c>sub</c> and <c>client_id</c>).</param>
/// <param name="SecretVersion">The client's secret version (<c>ver</c>): rotating the secret makes older tokens stale.</param>
/// <param name="Permissions">Granted permission names and wildcards.</param>
public sealed record ClientTokenSubject(string ClientId, long SecretVersion, IReadOnlyList<string> Permissions);
