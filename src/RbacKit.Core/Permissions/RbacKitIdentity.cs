using System.Security.Claims;
using RbacKit.TokenValidation;
using RbacKit.Tokens;

namespace RbacKit.Permissions;

/// <summary>
/// An authenticated RbacKit identity: a <see cref="ClaimsIdentity"/> that also carries the caller's resolved
/// <see cref="PermissionSet"/>, so every authorization requirement (endpoint metadata, policies, resource-based checks,
/// hubs) reads the permissions from <c>context.User</c> with one bit test. Created by RbacKit's authentication schemes.
/// </summary>
/// <remarks>
/// An identity made from a validated access token builds its claims (<c>sub</c>, <c>sid</c>, <c>jti</c>,
/// <c>client_id</c>, one role claim per role) the first time anything reads or changes them, so a request whose
/// authorization reads only the permissions never pays for claim objects. To the reader the claims are the same either
/// way, and they are built once per identity.
/// </remarks>
public sealed class RbacKitIdentity : ClaimsIdentity
{
    private volatile TokenClaims? _pending;

    /// <summary>Creates an identity.</summary>
    /// <param name="claims">The claims (<c>sub</c>, <c>sid</c>, roles, ...).</param>
    /// <param name="authenticationType">The scheme that authenticated the caller.</param>
    /// <param name="permissions">The caller's effective permissions.</param>
    /// <param name="catalog">The catalog that maps permission names to the ids in <paramref name="permissions"/>.</param>
    public RbacKitIdentity(IEnumerable<Claim> claims, string authenticationType, PermissionSet permissions, PermissionCatalog catalog)
        : base(claims, authenticationType, "sub", ClaimTypes.Role)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(catalog);
        Permissions = permissions;
        Catalog = catalog;
    }

    /// <summary>
    /// Creates the identity of a validated access token: for a user, <c>sub</c> (the user id), <c>sid</c>, <c>jti</c>,
    /// <c>client_id</c> when the token names one, and a <see cref="ClaimTypes.Role"/> claim per entry of
    /// <paramref name="roles"/>; for an OAuth client's own token, <c>sub</c> and <c>client_id</c> (both the client id) and
    /// <c>jti</c>. The claims are built when first read.
    /// </summary>
    /// <param name="token">The validated token.</param>
    /// <param name="roles">The caller's role names (the token's, or the live ones of a stateful check).</param>
    /// <param name="authenticationType">The scheme that authenticated the caller.</param>
    /// <param name="permissions">The caller's effective permissions.</param>
    /// <param name="catalog">The catalog that maps permission names to the ids in <paramref name="permissions"/>.</param>
    public RbacKitIdentity(ValidatedAccessToken token, IReadOnlyList<string> roles, string authenticationType, PermissionSet permissions, PermissionCatalog catalog)
        : base(authenticationType, "sub", ClaimTypes.Role)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(catalog);
        Permissions = permissions;
        Catalog = catalog;
        Token = token;
        _pending = new TokenClaims(token, roles);
    }

    private RbacKitIdentity(RbacKitIdentity other)
        : base(other.Built())
    {
        Permissions = other.Permissions;
        Catalog = other.Catalog;
        Token = other.Token;
    }

    /// <summary>The caller's effective permissions.</summary>
    public PermissionSet Permissions { get; }

    /// <summary>The catalog the permission ids belong to.</summary>
    public PermissionCatalog Catalog { get; }

    /// <summary>The validated access token this identity was made from, if it was made from one.</summary>
    public ValidatedAccessToken? Token { get; }

    /// <inheritdoc />
    public override IEnumerable<Claim> Claims => Built().BaseClaims;

    /// <inheritdoc />
    public override string? Name => Built().BaseName;

    private IEnumerable<Claim> BaseClaims => base.Claims;

    private string? BaseName => base.Name;

    /// <summary>Whether the caller holds <paramref name="permission"/> (a catalog name such as <c>movies:write</c>); unknown names are never held.</summary>
    public bool HasPermission(string permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        return Catalog.TryGetId(permission, out var id) && Permissions.Contains(id);
    }

    /// <inheritdoc />
    public override ClaimsIdentity Clone() => new RbacKitIdentity(this);

    /// <inheritdoc />
    public override void AddClaim(Claim claim)
    {
        Built();
        base.AddClaim(claim);
    }

    /// <inheritdoc />
    public override void AddClaims(IEnumerable<Claim?> claims)
    {
        Built();
        base.AddClaims(claims);
    }

    /// <inheritdoc />
    public override void RemoveClaim(Claim? claim)
    {
        Built();
        base.RemoveClaim(claim);
    }

    /// <inheritdoc />
    public override bool TryRemoveClaim(Claim? claim)
    {
        Built();
        return base.TryRemoveClaim(claim);
    }

    /// <inheritdoc />
    public override IEnumerable<Claim> FindAll(Predicate<Claim> match)
    {
        Built();
        return base.FindAll(match);
    }

    /// <inheritdoc />
    public override IEnumerable<Claim> FindAll(string type)
    {
        Built();
        return base.FindAll(type);
    }

    /// <inheritdoc />
    public override Claim? FindFirst(Predicate<Claim> match)
    {
        Built();
        return base.FindFirst(match);
    }

    /// <inheritdoc />
    public override Claim? FindFirst(string type)
    {
        Built();
        return base.FindFirst(type);
    }

    /// <inheritdoc />
    public override bool HasClaim(Predicate<Claim> match)
    {
        Built();
        return base.HasClaim(match);
    }

    /// <inheritdoc />
    public override bool HasClaim(string type, string value)
    {
        Built();
        return base.HasClaim(type, value);
    }

    /// <inheritdoc />
    public override void WriteTo(BinaryWriter writer)
    {
        Built();
        base.WriteTo(writer);
    }

    /// <inheritdoc />
    protected override void WriteTo(BinaryWriter writer, byte[]? userData)
    {
        Built();
        base.WriteTo(writer, userData);
    }

    /// <summary>This identity with its token's claims in place (built on the first call, by one thread).</summary>
    private RbacKitIdentity Built()
    {
        var pending = _pending;
        if (pending is null)
        {
            return this;
        }

        lock (pending)
        {
            if (_pending is not null)
            {
                // Claims made with this identity as their subject are added as they are, not cloned.
                foreach (var claim in pending.Create(this))
                {
                    base.AddClaim(claim);
                }

                _pending = null;
            }
        }

        return this;
    }

    private sealed class TokenClaims(ValidatedAccessToken token, IReadOnlyList<string> roles)
    {
        public List<Claim> Create(ClaimsIdentity subject)
        {
            if (token.IsClient)
            {
                // An OAuth client acting for itself: sub = client_id, no session, no roles.
                return
                [
                    Make("sub", token.ClientId!, subject),
                    Make(AccessTokenClaims.ClientId, token.ClientId!, subject),
                    Make("jti", token.TokenId, subject),
                ];
            }

            var claims = new List<Claim>(4 + roles.Count)
            {
                Make("sub", token.UserId.ToString(), subject),
                Make(AccessTokenClaims.SessionId, token.SessionId.ToString(), subject),
                Make("jti", token.TokenId, subject),
            };
            if (token.ClientId is { } clientId)
            {
                claims.Add(Make(AccessTokenClaims.ClientId, clientId, subject));
            }

            foreach (var role in roles)
            {
                claims.Add(Make(ClaimTypes.Role, role, subject));
            }

            return claims;
        }

        private static Claim Make(string type, string value, ClaimsIdentity subject) =>
            new(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, subject);
    }
}
