using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Stores;

namespace CinemaAuthHost.Tests;

/// <summary>
/// OAuth 2.0 clients (service accounts) over HTTP: administration and its limits, the token endpoint (client credentials
/// with both authentication methods, scope narrowing, refresh), revocation, introspection and discovery.
/// </summary>
public abstract class OAuthClientTests(HostFixture fixture)
{
    private CinemaHost Host => fixture.Host;

    [Fact]
    public async Task Client_credentials_issue_an_RFC_9068_token_that_authorizes_by_the_clients_permissions()
    {
        var client = await Host.CreateClientAsync("movies:read");
        Assert.True(Convert.FromBase64String(client.ClientSecret.Replace('-', '+').Replace('_', '/') + "=").Length >= 32, "a secret of at least 256 bits");

        foreach (var basic in new[] { true, false })
        {
            var response = await Host.ClientCredentialsAsync(client, basic: basic);
            var token = await response.JsonAsync();
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
            Assert.InRange(token.GetProperty("expires_in").GetInt32(), 1, 3600);
            Assert.Equal("movies:read", token.GetProperty("scope").GetString());
            Assert.False(token.TryGetProperty("refresh_token", out _), "client credentials get no refresh token (RFC 6749, section 4.4.3)");

            var access = token.GetProperty("access_token").GetString()!;
            var claims = OAuthClients.Claims(access);
            Assert.Equal(client.ClientId, claims.GetProperty("sub").GetString());
            Assert.Equal(client.ClientId, claims.GetProperty("client_id").GetString());
            Assert.False(claims.TryGetProperty("sid", out _));

            using var service = Host.CreateClient(access);
            await (await service.GetAsync("/movies")).AssertStatusAsync(HttpStatusCode.OK);
            await (await service.PostAsJsonAsync("/movies", new { title = "Not allowed", year = 2000 })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Fact]
    public async Task Every_user_access_token_carries_the_first_party_client_id()
    {
        var tokens = await Host.LoginAsync(Accounts.User);
        var claims = OAuthClients.Claims(tokens.AccessToken);
        Assert.Equal("rbackit", claims.GetProperty("client_id").GetString());
        Assert.True(claims.TryGetProperty("sid", out _));
    }

    [Fact]
    public async Task Scope_narrows_the_grant_and_asking_for_more_is_invalid_scope()
    {
        var client = await Host.CreateClientAsync("movies:read", "movies:write");
        var narrowed = await (await Host.ClientCredentialsAsync(client, scope: "movies:read")).JsonAsync();
        Assert.Equal("movies:read", narrowed.GetProperty("scope").GetString());
        using (var service = Host.CreateClient(narrowed.GetProperty("access_token").GetString()))
        {
            await (await service.GetAsync("/movies")).AssertStatusAsync(HttpStatusCode.OK);
            await (await service.PostAsJsonAsync("/movies", new { title = "Narrowed", year = 2001 })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        using (var full = Host.CreateClient(await Host.ClientTokenAsync(client)))
        {
            await (await full.PostAsJsonAsync("/movies", new { title = $"Service {Guid.NewGuid():N}", year = 2002 })).AssertStatusAsync(HttpStatusCode.Created);
        }

        await (await Host.ClientCredentialsAsync(client, scope: "movies:read users:read")).AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "invalid_scope");
        await (await Host.ClientCredentialsAsync(client, scope: "popcorn:eat")).AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "invalid_scope");
        await (await Host.ClientCredentialsAsync(client, scope: "*")).AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "invalid_scope");
    }

    [Fact]
    public async Task A_wrong_secret_an_unknown_client_or_no_credentials_is_invalid_client()
    {
        var client = await Host.CreateClientAsync("movies:read");
        var wrong = await Host.ClientCredentialsAsync(client, secret: client.ClientSecret[..^2] + "xx");
        await wrong.AssertOAuthErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        Assert.StartsWith("Basic", wrong.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        await (await Host.ClientCredentialsAsync(client, basic: false, secret: "nope")).AssertOAuthErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        await (await Host.ClientCredentialsAsync(client with { ClientId = "unknown-client" })).AssertOAuthErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        await (await Host.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials")])).AssertOAuthErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");

        // Both methods at once is refused (RFC 6749, section 2.3).
        await (await Host.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials"), new("client_id", client.ClientId), new("client_secret", client.ClientSecret)], (client.ClientId, client.ClientSecret)))
            .AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Unknown_grant_types_and_malformed_requests_get_RFC_6749_errors()
    {
        var client = await Host.CreateClientAsync("movies:read");
        await (await Host.PostFormAsync("/oauth/token", [new("grant_type", "password"), new("username", "a"), new("password", "b")], (client.ClientId, client.ClientSecret)))
            .AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "unsupported_grant_type");
        await (await Host.PostFormAsync("/oauth/token", [new("scope", "movies:read")], (client.ClientId, client.ClientSecret)))
            .AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
        await (await Host.PostFormAsync("/oauth/token", [new("grant_type", "client_credentials"), new("grant_type", "refresh_token")], (client.ClientId, client.ClientSecret)))
            .AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

        using var anonymous = Host.CreateClient();
        await (await anonymous.PostAsJsonAsync("/oauth/token", new { grant_type = "client_credentials" })).AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task The_refresh_token_grant_rotates_and_a_reused_token_is_invalid_grant()
    {
        var account = await Host.RegisterAsync("oauth-refresh");
        var first = await Host.LoginAsync(account);
        var refreshed = await (await Host.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", first.RefreshToken)])).JsonAsync();
        Assert.Equal("Bearer", refreshed.GetProperty("token_type").GetString());
        var next = refreshed.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(first.RefreshToken, next);
        using (var user = Host.CreateClient(refreshed.GetProperty("access_token").GetString()))
        {
            await (await user.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        }

        await (await Host.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", first.RefreshToken)]))
            .AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        // Reuse ended the session: the rotated token is dead too.
        await (await Host.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", next)]))
            .AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
        await (await Host.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", "not-a-token")]))
            .AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Rotating_the_secret_or_deleting_the_client_makes_its_tokens_fail_at_once()
    {
        var client = await Host.CreateClientAsync("movies:read");
        var before = await Host.ClientTokenAsync(client);
        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);
        using (var service = Host.CreateClient(before))
        {
            await (await service.GetAsync("/movies")).AssertStatusAsync(HttpStatusCode.OK);
        }

        var rotated = await (await superadmin.PostAsync($"/clients/{client.Id}/secret", null)).JsonAsync();
        var secret = rotated.GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(client.ClientSecret, secret);
        using (var service = Host.CreateClient(before))
        {
            await (await service.GetAsync("/movies")).AssertRevokedAsync();
        }

        await (await Host.ClientCredentialsAsync(client)).AssertOAuthErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        var after = await Host.ClientTokenAsync(client with { ClientSecret = secret });
        using (var service = Host.CreateClient(after))
        {
            await (await service.GetAsync("/movies")).AssertStatusAsync(HttpStatusCode.OK);
        }

        await (await superadmin.DeleteAsync($"/clients/{client.Id}")).AssertStatusAsync(HttpStatusCode.NoContent);
        using (var service = Host.CreateClient(after))
        {
            await (await service.GetAsync("/movies")).AssertRevokedAsync();
        }

        await (await Host.ClientCredentialsAsync(client with { ClientSecret = secret })).AssertOAuthErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        await (await superadmin.GetAsync($"/clients/{client.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await superadmin.DeleteAsync($"/clients/{client.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await superadmin.PostAsync($"/clients/{client.Id}/secret", null)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        // Each change left an audit event, none with the secret.
        await using var scope = Host.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<IAuditEventStore>().GetPageAsync(null, client.Id.ToString(), RbacKit.PageRequest.First("test", 50), default);
        Assert.Equal(["client.created", "client.deleted", "client.secret_rotated"], audit.Items.Select(e => e.Action).Order(StringComparer.Ordinal));
        Assert.All(audit.Items, e => Assert.DoesNotContain(secret, (e.Before ?? "") + e.After, StringComparison.Ordinal));
        Assert.All(audit.Items, e => Assert.DoesNotContain(client.ClientSecret, (e.Before ?? "") + e.After, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Introspection_answers_active_tokens_for_clients_holding_tokens_introspect()
    {
        var gateway = await Host.CreateClientAsync("tokens:introspect");
        var service = await Host.CreateClientAsync("movies:read");
        var token = await Host.ClientTokenAsync(service);
        static List<KeyValuePair<string, string>> Introspect(string value) => [new("token", value)];

        var active = await (await Host.PostFormAsync("/oauth/introspect", Introspect(token), (gateway.ClientId, gateway.ClientSecret))).JsonAsync();
        Assert.True(active.GetProperty("active").GetBoolean());
        Assert.Equal(service.ClientId, active.GetProperty("sub").GetString());
        Assert.Equal(service.ClientId, active.GetProperty("client_id").GetString());
        Assert.Equal("movies:read", active.GetProperty("scope").GetString());
        Assert.Equal("Bearer", active.GetProperty("token_type").GetString());
        Assert.Equal("http://localhost:5080", active.GetProperty("iss").GetString());
        Assert.True(active.GetProperty("exp").GetInt64() > active.GetProperty("iat").GetInt64());

        var user = await Host.LoginAsync(Accounts.User);
        var userActive = await (await Host.PostFormAsync("/oauth/introspect", [new("token", user.AccessToken), new("client_id", gateway.ClientId), new("client_secret", gateway.ClientSecret)])).JsonAsync();
        Assert.True(userActive.GetProperty("active").GetBoolean());
        Assert.Equal("rbackit", userActive.GetProperty("client_id").GetString());
        Assert.Contains("movies:read", userActive.GetProperty("scope").GetString()!.Split(' '));

        foreach (var inactive in new[] { "garbage", token[..^4] + "AAAA", user.RefreshToken })
        {
            var answer = await (await Host.PostFormAsync("/oauth/introspect", Introspect(inactive), (gateway.ClientId, gateway.ClientSecret))).JsonAsync();
            Assert.Equal("""{"active":false}""", answer.GetRawText());
        }

        // Not trusted with introspection, or not authenticated: invalid_client, and nothing about the token.
        await (await Host.PostFormAsync("/oauth/introspect", Introspect(token), (service.ClientId, service.ClientSecret))).AssertOAuthErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        await (await Host.PostFormAsync("/oauth/introspect", Introspect(token))).AssertOAuthErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        await (await Host.PostFormAsync("/oauth/introspect", Introspect(token), (gateway.ClientId, "wrong"))).AssertOAuthErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Revocation_ends_a_clients_access_token_and_a_users_refresh_token()
    {
        var client = await Host.CreateClientAsync("movies:read");
        var token = await Host.ClientTokenAsync(client);
        var revoked = await Host.PostFormAsync("/oauth/revoke", [new("token", token), new("token_type_hint", "access_token")], (client.ClientId, client.ClientSecret));
        await revoked.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("no-store", revoked.Headers.CacheControl?.ToString());
        using (var service = Host.CreateClient(token))
        {
            await (await service.GetAsync("/movies")).AssertRevokedAsync();
        }

        // The secret still works: a new token is good.
        using (var service = Host.CreateClient(await Host.ClientTokenAsync(client)))
        {
            await (await service.GetAsync("/movies")).AssertStatusAsync(HttpStatusCode.OK);
        }

        // Another client cannot revoke it; unknown tokens are no error (RFC 7009, section 2.2).
        var other = await Host.CreateClientAsync("movies:read");
        var kept = await Host.ClientTokenAsync(client);
        await (await Host.PostFormAsync("/oauth/revoke", [new("token", kept)], (other.ClientId, other.ClientSecret))).AssertStatusAsync(HttpStatusCode.OK);
        using (var service = Host.CreateClient(kept))
        {
            await (await service.GetAsync("/movies")).AssertStatusAsync(HttpStatusCode.OK);
        }

        await (await Host.PostFormAsync("/oauth/revoke", [new("token", "unknown")], (client.ClientId, client.ClientSecret))).AssertStatusAsync(HttpStatusCode.OK);
        await (await Host.PostFormAsync("/oauth/revoke", [new("token", kept)], (client.ClientId, "wrong"))).AssertOAuthErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        await (await Host.PostFormAsync("/oauth/revoke", [new("token", kept)])).AssertOAuthErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");
        await (await Host.PostFormAsync("/oauth/revoke", [], (client.ClientId, client.ClientSecret))).AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "invalid_request");

        // A user's own refresh token, without client authentication: its session ends, access token included.
        var account = await Host.RegisterAsync("oauth-revoke");
        var user = await Host.LoginAsync(account);
        await (await Host.PostFormAsync("/oauth/revoke", [new("token", user.RefreshToken), new("token_type_hint", "refresh_token")])).AssertStatusAsync(HttpStatusCode.OK);
        using (var signedIn = Host.CreateClient(user.AccessToken))
        {
            await (await signedIn.GetAsync("/me")).AssertRevokedAsync();
        }

        await (await Host.PostFormAsync("/oauth/token", [new("grant_type", "refresh_token"), new("refresh_token", user.RefreshToken)]))
            .AssertOAuthErrorAsync(HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Discovery_names_the_OAuth_endpoints_and_only_what_is_true()
    {
        using var anonymous = Host.CreateClient();
        var metadata = await (await anonymous.GetAsync("/.well-known/oauth-authorization-server")).JsonAsync();
        Assert.Equal("http://localhost:5080", metadata.GetProperty("issuer").GetString());
        Assert.Equal("http://localhost:5080/oauth/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal("http://localhost:5080/oauth/revoke", metadata.GetProperty("revocation_endpoint").GetString());
        Assert.Equal("http://localhost:5080/oauth/introspect", metadata.GetProperty("introspection_endpoint").GetString());
        Assert.Equal("http://localhost:5080/.well-known/jwks.json", metadata.GetProperty("jwks_uri").GetString());
        Assert.Equal(["client_credentials", "refresh_token"], Strings(metadata, "grant_types_supported"));
        Assert.Equal(["client_secret_basic", "client_secret_post"], Strings(metadata, "token_endpoint_auth_methods_supported"));
        Assert.Contains("movies:read", Strings(metadata, "scopes_supported"));
        Assert.Contains("tokens:introspect", Strings(metadata, "scopes_supported"));
        Assert.Empty(Strings(metadata, "response_types_supported"));

        var openid = await (await anonymous.GetAsync("/.well-known/openid-configuration")).JsonAsync();
        Assert.Equal("http://localhost:5080/oauth/token", openid.GetProperty("token_endpoint").GetString());
        Assert.Equal("http://localhost:5080/oauth/introspect", openid.GetProperty("introspection_endpoint").GetString());
        foreach (var untrue in new[] { "authorization_endpoint", "userinfo_endpoint", "response_types_supported", "id_token_signing_alg_values_supported" })
        {
            Assert.False(openid.TryGetProperty(untrue, out _), untrue);
        }
    }

    [Fact]
    public async Task Clients_are_listed_and_read_without_their_secrets()
    {
        var client = await Host.CreateClientAsync("movies:read");
        using var admin = await Host.ClientAsync(Accounts.Admin);
        var list = await (await admin.GetAsync("/clients")).JsonAsync();
        var listed = Assert.Single(list.EnumerateArray(), c => c.GetProperty("id").GetGuid() == client.Id);
        var read = await (await admin.GetAsync($"/clients/{client.Id}")).JsonAsync();
        foreach (var shown in new[] { listed, read })
        {
            Assert.Equal(client.ClientId, shown.GetProperty("clientId").GetString());
            Assert.Equal(client.Name, shown.GetProperty("name").GetString());
            Assert.Equal(["movies:read"], Strings(shown, "permissions"));
            Assert.DoesNotContain(client.ClientSecret, shown.GetRawText(), StringComparison.Ordinal);
            Assert.False(shown.TryGetProperty("clientSecret", out _));
            Assert.False(shown.TryGetProperty("secretHash", out _));
        }

        await (await admin.GetAsync($"/clients/{Guid.CreateVersion7()}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Granting_a_client_what_the_caller_lacks_is_refused()
    {
        // admin holds clients:* (and movies:read through the default role) but not movies:write or tokens:introspect.
        using var admin = await Host.ClientAsync(Accounts.Admin);
        var refused = await (await admin.PostAsJsonAsync("/clients", new { name = "escalate", permissions = new[] { "movies:read", "movies:write", "tokens:introspect" } })).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        Assert.Equal(["movies:write", "tokens:introspect"], Strings(refused.GetProperty("errors"), "permissions"));
        await (await admin.PostAsJsonAsync("/clients", new { name = "escalate", permissions = new[] { "*" } })).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        var own = await (await admin.PostAsJsonAsync("/clients", new { name = "user-sync", permissions = new[] { "users:read" } })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("no-store", (await admin.PostAsJsonAsync("/clients", new { name = "user-sync-2", permissions = new[] { "users:read" } })).Headers.CacheControl?.ToString());

        // Rotating a client's secret hands out its permissions: refused for one holding more than the caller.
        var strong = await Host.CreateClientAsync("movies:write");
        await (await admin.PostAsync($"/clients/{strong.Id}/secret", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        await (await admin.DeleteAsync($"/clients/{strong.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        await (await admin.PostAsync($"/clients/{own.GetProperty("id").GetGuid()}/secret", null)).AssertStatusAsync(HttpStatusCode.OK);

        using var moderator = await Host.ClientAsync(Accounts.Moderator);
        await (await moderator.PostAsJsonAsync("/clients", new { name = "nope", permissions = new[] { "movies:read" } })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await moderator.GetAsync("/clients")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await admin.PostAsJsonAsync("/clients", new { name = "Bad Name!", permissions = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.PostAsJsonAsync("/clients", new { name = "unknown", permissions = new[] { "popcorn:eat" } })).AssertProblemAsync(HttpStatusCode.BadRequest, "unknown_permission");

        // A client token is no administrator, whatever it holds.
        var manager = await Host.CreateClientAsync("clients:write", "clients:read");
        using var service = Host.CreateClient(await Host.ClientTokenAsync(manager));
        await (await service.GetAsync("/clients")).AssertStatusAsync(HttpStatusCode.OK);
        await (await service.GetAsync("/me")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await service.PostAsJsonAsync("/clients", new { name = "from-a-client", permissions = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private static List<string?> Strings(JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(p => p.GetString())];
}

public sealed class SqliteOAuthClientTests(SqliteHostFixture fixture) : OAuthClientTests(fixture), IClassFixture<SqliteHostFixture>;

public sealed class PostgresOAuthClientTests(PostgresHostFixture fixture) : OAuthClientTests(fixture), IClassFixture<PostgresHostFixture>;
