namespace RbacKit.Clients;

/// <summary>A client as shown to administrators: never its secret.</summary>
/// <param name="Id">The id.</param>
/// <param name="ClientId">The public <c>client_id</c>.</param>
/// <param name="Name">The name.</param>
/// <param name="Permissions">Granted names and wildcards.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record ClientInfo(Guid Id, string ClientId, string Name, IReadOnlyList<string> Permissions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A client just created, with its secret: the only time the secret is shown.</summary>
/// <param name="Id">The id.</param>
/// <param name="ClientId">The public <c>client_id</c>.</param>
/// <param name="ClientSecret">The secret, shown once.</param>
/// <param name="Name">The name.</param>
/// <param name="Permissions">Granted names and wildcards.</param>
public sealed record CreatedClient(Guid Id, string ClientId, string ClientSecret, string Name, IReadOnlyList<string> Permissions);

/// <summary>A new secret, shown once.</summary>
/// <param name="ClientSecret">The secret.</param>
public sealed record ClientSecretInfo(string ClientSecret);

/// <summary>The fields of a new client.</summary>
/// <param name="Name">1 to 64 of a-z, 0-9, '-', '_', '.'.</param>
/// <param name="Permissions">Granted names and wildcards; each must match the catalog, and the caller must hold them.</param>
public sealed record ClientInput(string? Name, IReadOnlyList<string>? Permissions);

/// <summary>An access token issued to a client.</summary>
/// <param name="AccessToken">The RFC 9068 JWT.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
/// <param name="Scope">The granted permissions, space-separated.</param>
public sealed record ClientAccessToken(string AccessToken, int ExpiresIn, string Scope);
