using System.Security.Cryptography;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

public abstract partial class StoreSpecificationTests
{
    private OAuthClient NewClient(params string[] permissions)
    {
        var now = Time.GetUtcNow();
        var id = IdGenerator.NewId(Time);
        return new OAuthClient
        {
            Id = id,
            ClientId = $"svc-{id:N}",
            Name = $"client-{id:N}",
            SecretHash = SHA256.HashData(RandomNumberGenerator.GetBytes(32)),
            Permissions = [.. permissions],
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private AuditEvent ClientAudit(OAuthClient client, string action) =>
        new() { Id = IdGenerator.NewId(Time), At = Time.GetUtcNow(), Action = action, TargetType = "client", TargetId = client.Id.ToString() };

    private async Task<OAuthClient> CreateClientAsync(params string[] permissions)
    {
        var client = NewClient(permissions);
        Assert.Equal(StoreResult.Success, await Use<IOAuthClientStore, StoreResult>(s => s.CreateAsync(client, ClientAudit(client, "client.created"), default)));
        return client;
    }

    private Task<OAuthClient?> FindClientAsync(Guid id) => Use<IOAuthClientStore, OAuthClient?>(s => s.FindByIdAsync(id, default));

    private Task<IReadOnlyList<string>> ClientAuditActionsAsync(OAuthClient client) =>
        Use<IAuditEventStore, IReadOnlyList<string>>(async s => [.. (await s.GetPageAsync(null, client.Id.ToString(), Page(1, 50), default)).Items.Select(e => e.Action)]);

    [Fact]
    public async Task A_client_round_trips_by_id_and_by_client_id_with_its_permissions_and_audit()
    {
        var client = await CreateClientAsync("movies:read", "reports:*");

        foreach (var found in new[] { await FindClientAsync(client.Id), await Use<IOAuthClientStore, OAuthClient?>(s => s.FindByClientIdAsync(client.ClientId, default)) })
        {
            Assert.NotNull(found);
            Assert.Equal((client.Id, client.ClientId, client.Name, 1L, client.CreatedAt, client.UpdatedAt),
                (found.Id, found.ClientId, found.Name, found.SecretVersion, found.CreatedAt, found.UpdatedAt));
            Assert.Equal(client.SecretHash, found.SecretHash);
            Assert.Equal(["movies:read", "reports:*"], found.Permissions.Order(StringComparer.Ordinal));
        }

        Assert.Equal(["client.created"], await ClientAuditActionsAsync(client));
        Assert.Null(await FindClientAsync(Guid.CreateVersion7()));
        Assert.Null(await Use<IOAuthClientStore, OAuthClient?>(s => s.FindByClientIdAsync("svc-unknown", default)));
        Assert.Null(await Use<IOAuthClientStore, OAuthClient?>(s => s.FindByClientIdAsync(client.ClientId.ToUpperInvariant(), default)));
    }

    [Fact]
    public async Task A_client_without_permissions_round_trips_empty()
    {
        var client = await CreateClientAsync();
        Assert.Empty((await FindClientAsync(client.Id))!.Permissions);
    }

    [Fact]
    public async Task A_taken_client_id_is_a_duplicate_and_writes_nothing()
    {
        var client = await CreateClientAsync("movies:read");
        var twin = NewClient("admin:*") with { ClientId = client.ClientId };
        Assert.Equal(StoreResult.Duplicate, await Use<IOAuthClientStore, StoreResult>(s => s.CreateAsync(twin, ClientAudit(twin, "client.created"), default)));

        Assert.Null(await FindClientAsync(twin.Id));
        Assert.Empty(await ClientAuditActionsAsync(twin));
        Assert.Equal(["movies:read"], (await Use<IOAuthClientStore, OAuthClient?>(s => s.FindByClientIdAsync(client.ClientId, default)))!.Permissions);
    }

    [Fact]
    public async Task Rotating_a_secret_replaces_the_hash_and_bumps_the_version_with_its_audit()
    {
        var client = await CreateClientAsync("movies:read");
        var bystander = await CreateClientAsync("movies:read");
        Time.Advance(TimeSpan.FromMinutes(5));
        var newHash = SHA256.HashData(RandomNumberGenerator.GetBytes(32));

        Assert.Equal(StoreResult.Success, await Use<IOAuthClientStore, StoreResult>(s => s.BumpVersionAsync(client.Id, newHash, Time.GetUtcNow(), ClientAudit(client, "client.secret_rotated"), default)));

        var rotated = (await FindClientAsync(client.Id))!;
        Assert.Equal(newHash, rotated.SecretHash);
        Assert.Equal((2L, Time.GetUtcNow(), client.CreatedAt), (rotated.SecretVersion, rotated.UpdatedAt, rotated.CreatedAt));
        Assert.Equal(["movies:read"], rotated.Permissions);
        Assert.Equal(["client.created", "client.secret_rotated"], (await ClientAuditActionsAsync(client)).Order(StringComparer.Ordinal));

        var untouched = (await FindClientAsync(bystander.Id))!;
        Assert.Equal((1L, bystander.UpdatedAt), (untouched.SecretVersion, untouched.UpdatedAt));
        Assert.Equal(bystander.SecretHash, untouched.SecretHash);
    }

    [Fact]
    public async Task Revoking_a_clients_tokens_bumps_the_version_and_keeps_the_secret()
    {
        var client = await CreateClientAsync();
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(StoreResult.Success, await Use<IOAuthClientStore, StoreResult>(s => s.BumpVersionAsync(client.Id, null, Time.GetUtcNow(), null, default)));
        var stored = (await FindClientAsync(client.Id))!;
        Assert.Equal((2L, Time.GetUtcNow()), (stored.SecretVersion, stored.UpdatedAt));
        Assert.Equal(client.SecretHash, stored.SecretHash);
        Assert.Equal(["client.created"], await ClientAuditActionsAsync(client));
    }

    [Fact]
    public async Task Bumping_a_missing_client_is_not_found()
    {
        var ghost = NewClient();
        Assert.Equal(StoreResult.NotFound, await Use<IOAuthClientStore, StoreResult>(s => s.BumpVersionAsync(ghost.Id, ghost.SecretHash, Time.GetUtcNow(), ClientAudit(ghost, "client.secret_rotated"), default)));
        Assert.Empty(await ClientAuditActionsAsync(ghost));
    }

    [Fact]
    public async Task Parallel_version_bumps_of_one_client_are_all_counted()
    {
        var client = await CreateClientAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            Use<IOAuthClientStore, StoreResult>(s => s.BumpVersionAsync(client.Id, null, Time.GetUtcNow(), null, default)))));
        Assert.All(results, r => Assert.Equal(StoreResult.Success, r));
        Assert.Equal(11L, (await FindClientAsync(client.Id))!.SecretVersion);
    }

    [Fact]
    public async Task Deleting_a_client_removes_it_once_with_its_audit()
    {
        var client = await CreateClientAsync("movies:read");
        var other = await CreateClientAsync();
        Assert.Equal(StoreResult.Success, await Use<IOAuthClientStore, StoreResult>(s => s.DeleteAsync(client.Id, ClientAudit(client, "client.deleted"), default)));

        Assert.Null(await FindClientAsync(client.Id));
        Assert.Null(await Use<IOAuthClientStore, OAuthClient?>(s => s.FindByClientIdAsync(client.ClientId, default)));
        Assert.NotNull(await FindClientAsync(other.Id));
        Assert.Equal(["client.created", "client.deleted"], (await ClientAuditActionsAsync(client)).Order(StringComparer.Ordinal));
        Assert.Equal(StoreResult.NotFound, await Use<IOAuthClientStore, StoreResult>(s => s.DeleteAsync(client.Id, ClientAudit(client, "client.deleted"), default)));
        Assert.Equal(2, (await ClientAuditActionsAsync(client)).Count);

        // The client id is free again.
        var successor = NewClient() with { ClientId = client.ClientId };
        Assert.Equal(StoreResult.Success, await Use<IOAuthClientStore, StoreResult>(s => s.CreateAsync(successor, ClientAudit(successor, "client.created"), default)));
    }

    [Fact]
    public async Task Clients_are_listed_by_name()
    {
        var clients = new List<OAuthClient>();
        foreach (var name in new[] { "zeta", "alpha", "mu" })
        {
            var fresh = NewClient("movies:read");
            var client = fresh with { Name = $"{name}-{fresh.Id:N}" };
            Assert.Equal(StoreResult.Success, await Use<IOAuthClientStore, StoreResult>(s => s.CreateAsync(client, ClientAudit(client, "client.created"), default)));
            clients.Add(client);
        }

        var listed = (await Use<IOAuthClientStore, IReadOnlyList<OAuthClient>>(s => s.ListAsync(default))).Where(c => clients.Any(x => x.Id == c.Id)).ToList();
        Assert.Equal(clients.Select(c => c.Name).Order(StringComparer.Ordinal), listed.Select(c => c.Name));
        Assert.All(listed, c => Assert.Equal(["movies:read"], c.Permissions));
    }
}
