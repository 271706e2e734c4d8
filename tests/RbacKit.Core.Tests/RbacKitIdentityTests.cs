using System.Security.Claims;
using RbacKit.Domain;
using RbacKit.Permissions;
using RbacKit.TokenValidation;

namespace RbacKit.Core.Tests;

/// <summary>The identity of a validated token builds its claims when first read: the same claims as an identity built
/// from a claim list, once, whatever reads or changes them first.</summary>
public sealed class RbacKitIdentityTests
{
    private static readonly PermissionCatalog Catalog = new([new PermissionDefinition { Name = "movies:read" }, new PermissionDefinition { Name = "movies:write" }]);

    private static ValidatedAccessToken Token(string? clientId = "cinema-web", bool isClient = false) => new()
    {
        UserId = Guid.CreateVersion7(),
        SessionId = isClient ? Guid.Empty : Guid.CreateVersion7(),
        TokenId = "jti-1",
        KeyId = "k1",
        ClientId = clientId,
        IsClient = isClient,
        IssuedAt = DateTimeOffset.UnixEpoch,
        NotBefore = DateTimeOffset.UnixEpoch,
        ExpiresAt = DateTimeOffset.UnixEpoch.AddHours(1),
        AuthorizationVersion = 1,
        Roles = ["user", "moderator"],
        Permissions = ["movies:read"],
    };

    private static RbacKitIdentity Identity(ValidatedAccessToken token, params string[] roles) =>
        new(token, roles, "RbacKit", Catalog.Expand(["movies:read"]), Catalog);

    private static string[] Shape(IEnumerable<Claim> claims) => [.. claims.Select(c => $"{c.Type}={c.Value}|{c.ValueType}|{c.Issuer}|{c.OriginalIssuer}")];

    [Fact]
    public void A_users_token_gives_sub_sid_jti_client_id_and_one_role_claim_per_role()
    {
        var token = Token();
        var lazy = Identity(token, "user", "moderator");
        var eager = new RbacKitIdentity(
            [new("sub", token.UserId.ToString()), new("sid", token.SessionId.ToString()), new("jti", "jti-1"), new("client_id", "cinema-web"), new(ClaimTypes.Role, "user"), new(ClaimTypes.Role, "moderator")],
            "RbacKit", lazy.Permissions, Catalog);

        Assert.Equal(Shape(eager.Claims), Shape(lazy.Claims));
        Assert.All(lazy.Claims, c => Assert.Same(lazy, c.Subject));
        Assert.Equal(token.UserId.ToString(), lazy.Name);
        Assert.Same(token, lazy.Token);
        Assert.True(lazy.IsAuthenticated);
        var principal = new ClaimsPrincipal(lazy);
        Assert.True(principal.IsInRole("moderator"));
        Assert.False(principal.IsInRole("admin"));
        Assert.Equal(token.SessionId.ToString(), principal.FindFirst("sid")?.Value);
        Assert.True(lazy.HasPermission("movies:read"));
        Assert.False(lazy.HasPermission("movies:write"));
    }

    [Fact]
    public void A_clients_own_token_gives_sub_and_client_id_of_the_client_and_no_roles()
    {
        var identity = Identity(Token(clientId: "reports", isClient: true), "ignored");
        Assert.Equal(["sub=reports", "client_id=reports", "jti=jti-1"], identity.Claims.Select(c => $"{c.Type}={c.Value}"));
        Assert.Equal("reports", identity.Name);
    }

    [Fact]
    public void A_token_without_a_client_has_no_client_id_claim()
    {
        var identity = Identity(Token(clientId: null), "user");
        Assert.Null(identity.FindFirst("client_id"));
        Assert.Equal(4, identity.Claims.Count());
    }

    [Fact]
    public void Changes_before_the_first_read_keep_the_tokens_claims()
    {
        var added = Identity(Token(), "user");
        added.AddClaim(new Claim("tenant", "t1"));
        Assert.Equal(["sub", "sid", "jti", "client_id", ClaimTypes.Role, "tenant"], added.Claims.Select(c => c.Type));

        var removed = Identity(Token(), "user");
        Assert.True(removed.TryRemoveClaim(removed.FindFirst(ClaimTypes.Role)));
        Assert.False(removed.HasClaim(ClaimTypes.Role, "user"));
        Assert.Equal(3, removed.FindAll(c => c.Type != "client_id").Count());
    }

    [Fact]
    public void A_clone_has_the_claims_and_changes_to_it_stay_in_it()
    {
        var original = Identity(Token(), "user");
        var clone = Assert.IsType<RbacKitIdentity>(original.Clone());
        clone.AddClaim(new Claim("tenant", "t1"));
        Assert.Equal(6, clone.Claims.Count());
        Assert.Equal(5, original.Claims.Count());
        Assert.Same(original.Permissions, clone.Permissions);
        Assert.Same(original.Token, clone.Token);
    }

    [Fact]
    public void Written_and_read_back_it_has_the_same_claims()
    {
        var identity = Identity(Token(), "user");
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            identity.WriteTo(writer);
        }

        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        Assert.Equal(Shape(identity.Claims), Shape(new ClaimsIdentity(reader).Claims));
    }

    [Fact]
    public void Read_first_by_many_threads_at_once_the_claims_are_built_once()
    {
        for (var round = 0; round < 20; round++)
        {
            var identity = Identity(Token(), "user", "moderator");
            var counts = new int[4];
            using var start = new Barrier(counts.Length);
            var threads = Enumerable.Range(0, counts.Length).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                counts[i] = identity.Claims.Count();
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.All(counts, c => Assert.Equal(6, c));
            Assert.Equal(6, identity.Claims.Count());
        }
    }
}
