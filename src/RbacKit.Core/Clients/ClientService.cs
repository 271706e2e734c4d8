using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RbacKit.Administration;
using RbacKit.Caching;
using RbacKit.Domain;
using RbacKit.Permissions;
using RbacKit.Stores;
using RbacKit.Tokens;

namespace RbacKit.Clients;

internal sealed partial class ClientService(
    IOAuthClientStore clients,
    EscalationGuard guard,
    PermissionCatalog catalog,
    IAccessTokenIssuer issuer,
    IAuthorizationChangeFeed feed,
    IAuthorizationStateProvider state,
    TimeProvider time,
    ILogger<ClientService> logger) : IClientService
{
    // Compared against when the client id is unknown, so an unknown id costs the same hash and compare as a wrong secret.
    private static readonly byte[] NoSecret = ClientSecrets.Hash(ClientSecrets.NewSecret());

    public async Task<IReadOnlyList<ClientInfo>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await clients.ListAsync(cancellationToken).ConfigureAwait(false)).Select(ToInfo)];

    public async Task<RbacResult<ClientInfo>> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await clients.FindByIdAsync(id, cancellationToken).ConfigureAwait(false) is { } client ? ToInfo(client) : RbacError.NotFound("client");

    public Task<RbacResult<CreatedClient>> CreateAsync(Guid actorId, ClientInput input, CancellationToken cancellationToken) =>
        CreateAsync((Guid?)actorId, input, cancellationToken);

    public Task<RbacResult<CreatedClient>> CreateForOperatorAsync(ClientInput input, CancellationToken cancellationToken) =>
        CreateAsync(null, input, cancellationToken);

    private async Task<RbacResult<CreatedClient>> CreateAsync(Guid? actorId, ClientInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Validate(input) is { } invalid)
        {
            return invalid;
        }

        var permissions = Distinct(input.Permissions);
        var name = input.Name!.Trim();
        if (actorId is { } actor
            && await guard.CheckAsync(new AdminAction(actor, "create client", $"client {name}"), permissions, superadminOnly: null, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var secret = ClientSecrets.NewSecret();
        var now = time.GetUtcNow();
        var client = new OAuthClient
        {
            Id = IdGenerator.NewId(time),
            ClientId = ClientSecrets.NewClientId(),
            Name = name,
            SecretHash = ClientSecrets.Hash(secret),
            Permissions = permissions,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var audit = AuditEvents.Create(time, actorId, "client.created", "client", client.Id.ToString(), null, ToInfo(client));
        if (await clients.CreateAsync(client, audit, cancellationToken).ConfigureAwait(false) != StoreResult.Success)
        {
            // A 128-bit random client id collided: not worth a retry loop.
            throw new InvalidOperationException("The new client could not be stored.");
        }

        var granted = string.Join(',', permissions);
        CoreLog.ClientCreated(logger, actorId, client.Id, client.ClientId, client.Name, granted);
        return new CreatedClient(client.Id, client.ClientId, secret, client.Name, permissions);
    }

    public async Task<RbacResult<ClientSecretInfo>> RotateSecretAsync(Guid actorId, Guid id, CancellationToken cancellationToken)
    {
        var client = await clients.FindByIdAsync(id, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return RbacError.NotFound("client");
        }

        // The new secret lets its holder act as the client: only someone holding the client's permissions gets it.
        if (await guard.CheckAsync(new AdminAction(actorId, "rotate the secret of", $"client {id}"), client.Permissions, superadminOnly: null, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var secret = ClientSecrets.NewSecret();
        var audit = AuditEvents.Create(time, actorId, "client.secret_rotated", "client", client.Id.ToString(), ToInfo(client), null);
        if (await clients.BumpVersionAsync(id, ClientSecrets.Hash(secret), time.GetUtcNow(), audit, cancellationToken).ConfigureAwait(false) != StoreResult.Success)
        {
            return RbacError.NotFound("client");
        }

        await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Client, ClientSecrets.ToChangeId(client.ClientId)), cancellationToken).ConfigureAwait(false);
        CoreLog.ClientSecretRotated(logger, actorId, client.Id, client.ClientId);
        return new ClientSecretInfo(secret);
    }

    public async Task<RbacResult> DeleteAsync(Guid actorId, Guid id, CancellationToken cancellationToken)
    {
        var client = await clients.FindByIdAsync(id, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return RbacError.NotFound("client");
        }

        if (await guard.CheckAsync(new AdminAction(actorId, "delete", $"client {id}"), client.Permissions, superadminOnly: null, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var audit = AuditEvents.Create(time, actorId, "client.deleted", "client", client.Id.ToString(), ToInfo(client), null);
        if (await clients.DeleteAsync(id, audit, cancellationToken).ConfigureAwait(false) != StoreResult.Success)
        {
            return RbacError.NotFound("client");
        }

        await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Client, ClientSecrets.ToChangeId(client.ClientId)), cancellationToken).ConfigureAwait(false);
        CoreLog.ClientDeleted(logger, actorId, client.Id, client.ClientId);
        return RbacResult.Success;
    }

    public async Task<OAuthClient?> AuthenticateAsync(string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(clientSecret);
        var client = clientId.Length is > 0 and <= ClientSecrets.MaxTextLength
            ? state is AuthorizationStateProvider cache
                // Cached with invalidation by the change feed: no store read per grant or introspection.
                ? await cache.GetClientAsync(clientId, cancellationToken).ConfigureAwait(false)
                : await clients.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false)
            : null;
        var matches = ClientSecrets.Matches(clientSecret, client?.SecretHash ?? NoSecret);
        return client is not null && matches ? client : null;
    }

    public async Task<RbacResult<ClientAccessToken>> IssueTokenAsync(OAuthClient client, string? scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var granted = catalog.Expand(client.Permissions);
        IReadOnlyList<string> permissions = client.Permissions;
        if (!string.IsNullOrWhiteSpace(scope))
        {
            var requested = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (requested.Count > 1000 || requested.Any(s => !catalog.TryExpand(s, out var set) || !set.IsSubsetOf(granted)))
            {
                return new RbacError(RbacErrorKind.Validation, RbacErrorCodes.InvalidScope, "The requested scope is unknown or more than the client is granted.");
            }

            permissions = requested;
        }

        var token = await issuer.IssueForClientAsync(new ClientTokenSubject(client.ClientId, client.SecretVersion, permissions), cancellationToken).ConfigureAwait(false);
        var expiresIn = (int)Math.Max(0, (token.ExpiresAt - time.GetUtcNow()).TotalSeconds);
        return new ClientAccessToken(token.Token, expiresIn, string.Join(' ', permissions));
    }

    public async Task<RbacResult> RevokeTokensAsync(string clientId, CancellationToken cancellationToken)
    {
        var client = await clients.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null || await clients.BumpVersionAsync(client.Id, null, time.GetUtcNow(), null, cancellationToken).ConfigureAwait(false) != StoreResult.Success)
        {
            return RbacError.NotFound("client");
        }

        await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Client, ClientSecrets.ToChangeId(client.ClientId)), cancellationToken).ConfigureAwait(false);
        CoreLog.ClientTokensRevoked(logger, client.Id, client.ClientId);
        return RbacResult.Success;
    }

    internal static ClientInfo ToInfo(OAuthClient client) =>
        new(client.Id, client.ClientId, client.Name, [.. client.Permissions.Order(StringComparer.Ordinal)], client.CreatedAt, client.UpdatedAt);

    private static List<string> Distinct(IReadOnlyList<string>? permissions) =>
        [.. (permissions ?? []).Select(p => p.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private RbacError? Validate(ClientInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || !NameRegex().IsMatch(input.Name.Trim()))
        {
            return RbacError.Validation("name", "The name must be 1 to 64 characters of a-z, 0-9, '-', '_' and '.'.");
        }

        var permissions = input.Permissions ?? [];
        if (permissions.Count > 1000)
        {
            return RbacError.Validation("permissions", "At most 1000 permissions.");
        }

        var unknown = permissions.Where(p => p is null || !PermissionName.IsValidPattern(p.Trim()) || !catalog.TryExpand(p.Trim(), out _)).ToList();
        return unknown.Count == 0 ? null : new RbacError(RbacErrorKind.Validation, RbacErrorCodes.UnknownPermission,
            "Some permissions are not in the catalog.",
            new Dictionary<string, string[]>(StringComparer.Ordinal) { ["permissions"] = [.. unknown.Select(p => $"Unknown permission '{p}'.")] });
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
