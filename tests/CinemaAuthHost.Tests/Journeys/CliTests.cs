using System.Net;
using CinemaAuthHost.Cli;
using CinemaAuthHost.Data;
using CinemaAuthHost.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Administration;

namespace CinemaAuthHost.Tests;

/// <summary>
/// The operator verbs (migrate, seed, create-superuser, rotate-keys) run in-process through <see cref="CinemaCli.RunAsync"/>
/// with their configuration in environment variables, as an operator would set them, on fresh storage per test.
/// </summary>
public abstract class CliTests : IAsyncLifetime
{
    private HostStorage? _storage;

    private HostStorage Storage => _storage!;

    protected abstract HostStorage CreateStorage();

    public Task InitializeAsync()
    {
        _storage = CreateStorage();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }

    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var (exit, output) = await RunAsync(["--help"]);

        Assert.Equal(0, exit);
        foreach (var verb in new[] { "migrate", "seed", "create-superuser", "rotate-keys", "create-client" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Migrate_succeeds_twice_and_leaves_nothing_pending()
    {
        var first = await RunAsync(["migrate"]);
        Assert.True(first.Exit == 0, first.Output);
        var second = await RunAsync(["migrate"]);
        Assert.True(second.Exit == 0, second.Output);
        Assert.Contains("Database is up to date.", second.Output, StringComparison.Ordinal);

        await using var app = CinemaApp.Build(CinemaHost.Arguments(Storage));
        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<CinemaDbContext>().Database;
        Assert.NotEmpty(await database.GetAppliedMigrationsAsync());
        Assert.Empty(await database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Seed_is_idempotent()
    {
        var first = await RunAsync(["seed"]);
        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("Roles created: 4;", first.Output, StringComparison.Ordinal);
        var afterFirst = await ListRolesAsync();

        var second = await RunAsync(["seed"]);
        Assert.True(second.Exit == 0, second.Output);
        Assert.Contains("Roles created: 0; grants added: 0.", second.Output, StringComparison.Ordinal);
        var afterSecond = await ListRolesAsync();

        Assert.Equal(["admin", "moderator", "superadmin", "user"], afterFirst.Select(r => r.Name));
        Assert.Equal(afterFirst.Select(Describe), afterSecond.Select(Describe));
    }

    [Fact]
    public async Task Create_superuser_refuses_a_weak_password_and_creates_nobody()
    {
        var email = Accounts.NewEmail("weak-root");

        var (exit, output) = await RunAsync(["create-superuser", "--email", email], "password1234\n");

        Assert.NotEqual(0, exit);
        Assert.Contains("weak_password", output, StringComparison.Ordinal);
        var empty = await RunAsync(["create-superuser", "--email", email], "");
        Assert.NotEqual(0, empty.Exit);
        Assert.Contains("no password", empty.Output, StringComparison.Ordinal);
        await using var host = await CinemaHost.StartAsync(Storage);
        using var superadmin = await host.ClientAsync(Accounts.Superadmin);
        var found = await (await superadmin.GetAsync($"/users?search={Uri.EscapeDataString(email)}")).JsonAsync();
        Assert.Equal(0, found.GetProperty("total").GetInt64());
        await (await host.PostLoginAsync(new { email, password = "password1234" })).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Create_superuser_with_a_strong_password_makes_a_superadmin_who_can_sign_in()
    {
        var email = Accounts.NewEmail("root");
        const string password = "granite-orchid-tundra-58-saffron";

        var (exit, output) = await RunAsync(["create-superuser", "--email", email, "--last-name", "Operator"], password + "\n");

        Assert.True(exit == 0, output);
        Assert.Contains($"{email} is a superadmin.", output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, output, StringComparison.Ordinal);
        await using var host = await CinemaHost.StartAsync(Storage);
        using var root = await host.ClientAsync(email, password);
        var me = await (await root.GetAsync("/me")).JsonAsync();
        Assert.Equal("Operator", me.GetProperty("lastName").GetString());
        Assert.Contains("superadmin", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await (await root.GetAsync("/users")).AssertStatusAsync(HttpStatusCode.OK);

        // Running it again for the same email is harmless.
        var again = await RunAsync(["create-superuser", "--email", email], password + "\n");
        Assert.True(again.Exit == 0, again.Output);
    }

    [Fact]
    public async Task Rotate_keys_makes_a_new_key_current_and_earlier_tokens_keep_working()
    {
        string before;
        string oldKid;
        await using (var host = await CinemaHost.StartAsync(Storage))
        {
            before = (await host.LoginAsync(Accounts.User)).AccessToken;
            oldKid = KeyId(before);
            Assert.Equal([oldKid], await KeyIdsAsync(host));
        }

        // Without an activation delay the new key signs at once.
        var (exit, output) = await RunAsync(["rotate-keys"], extra: ("RbacKit__Tokens__KeyActivationDelay", "00:00:00"));
        Assert.True(exit == 0, output);
        Assert.Contains("Published key ", output, StringComparison.Ordinal);

        await using (var host = await CinemaHost.StartAsync(Storage))
        {
            var kids = await KeyIdsAsync(host);
            Assert.Equal(2, kids.Count);
            Assert.Contains(oldKid, kids);

            using var old = host.CreateClient(before);
            await (await old.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
            var newKid = KeyId((await host.LoginAsync(Accounts.User)).AccessToken);
            Assert.NotEqual(oldKid, newKid);
            Assert.Contains(newKid, kids);
        }
    }

    [Fact]
    public async Task Rotate_keys_revoke_withdraws_a_key_for_good_and_a_replacement_signs()
    {
        string token;
        await using (var host = await CinemaHost.StartAsync(Storage))
        {
            token = (await host.LoginAsync(Accounts.User)).AccessToken;
        }

        var kid = KeyId(token);

        var (exit, output) = await RunAsync(["rotate-keys", "--revoke", kid]);

        Assert.True(exit == 0, output);
        Assert.Contains($"Key {kid} was the only key that could sign", output, StringComparison.Ordinal);
        Assert.Contains($"Withdrew key {kid}", output, StringComparison.Ordinal);
        await using (var host = await CinemaHost.StartAsync(Storage))
        {
            var kids = await KeyIdsAsync(host);
            Assert.DoesNotContain(kid, kids);
            using var withdrawn = host.CreateClient(token);
            await (await withdrawn.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.Unauthorized);
            var fresh = (await host.LoginAsync(Accounts.User)).AccessToken;
            Assert.Equal([KeyId(fresh)], kids);
            using var client = host.CreateClient(fresh);
            await (await client.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        }

        var again = await RunAsync(["rotate-keys", "--revoke", kid]);
        Assert.Equal(1, again.Exit);
        Assert.Contains($"no live signing key has kid '{kid}'", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_client_prints_a_secret_once_that_gets_a_token_and_refuses_an_unknown_permission()
    {
        var (exit, output) = await RunAsync(["create-client", "--name", "catalog", "--permission", "movies:read"]);

        Assert.True(exit == 0, output);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Contains(": ", StringComparison.Ordinal)).ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 2)..], StringComparer.Ordinal);
        var client = new CreatedClient(Guid.Parse(lines["id"]), lines["client_id"], lines["client_secret"], "catalog", ["movies:read"]);
        await using var host = await CinemaHost.StartAsync(Storage);
        using var service = host.CreateClient(await host.ClientTokenAsync(client));
        await (await service.GetAsync("/movies")).AssertStatusAsync(HttpStatusCode.OK);
        using var superadmin = await host.ClientAsync(Accounts.Superadmin);
        var read = await (await superadmin.GetAsync($"/clients/{client.Id}")).JsonAsync();
        Assert.Equal("catalog", read.GetProperty("name").GetString());

        var refused = await RunAsync(["create-client", "--name", "bad", "--permission", "popcorn:eat"]);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("unknown_permission", refused.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rotate-keys", "--frobnicate")]
    [InlineData("rotate-keys", "--revoke")]
    [InlineData("migrate", "extra")]
    public async Task Unknown_options_of_a_verb_print_the_help_and_exit_2(params string[] args)
    {
        var (exit, output) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains("unknown verb or option", output, StringComparison.Ordinal);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    /// <summary>Runs a verb with the storage's settings (and a fast password hash) in the environment, in Production where the storage has a key-encryption key.</summary>
    private async Task<(int Exit, string Output)> RunAsync(string[] args, string input = "", params (string Name, string Value)[] extra)
    {
        // Production needs a key-encryption key and an https issuer (checked before the database is touched); the SQLite
        // storage has no KEK (its hosts use Data Protection in Development), so its verbs run in Development.
        var production = Storage.EnvironmentVariables.GetValueOrDefault("RbacKit__Tokens__KeyEncryptionKey") is { Length: > 0 };
        var variables = new Dictionary<string, string>(Storage.EnvironmentVariables, StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = production ? "Production" : "Development",
            ["RbacKit__Issuer"] = production ? "https://auth.cinema.test" : "http://localhost:5080",
            ["RbacKit__Passwords__WorkFactor"] = "4",
            ["RbacKit__Passwords__AllowWeakWorkFactor"] = "true",
            ["Logging__LogLevel__Default"] = "Error",
        };
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        using var environment = new EnvironmentScope(variables);
        using var reader = new StringReader(input);
        await using var writer = new StringWriter();
        var exit = await CinemaCli.RunAsync(args, reader, writer);
        return (exit, writer.ToString());
    }

    private async Task<IReadOnlyList<RoleInfo>> ListRolesAsync()
    {
        await using var app = CinemaApp.Build(CinemaHost.Arguments(Storage));
        await using var scope = app.Services.CreateAsyncScope();
        var roles = await scope.ServiceProvider.GetRequiredService<IRoleService>().ListAsync(CancellationToken.None);
        return [.. roles.OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    private static string Describe(RoleInfo role) =>
        $"{role.Id} {role.Name} {role.IsSystem} {string.Join(',', role.Permissions.Order(StringComparer.Ordinal))}";

    private static async Task<List<string>> KeyIdsAsync(CinemaHost host)
    {
        using var client = host.CreateClient();
        var jwks = await (await client.GetAsync("/.well-known/jwks.json")).JsonAsync();
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    private static string KeyId(string jwt)
    {
        var segment = jwt.Split('.')[0];
        var json = Convert.FromBase64String(segment.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (segment.Length % 4)) % 4));
        return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("kid").GetString()!;
    }
}

[Collection(CliCollection.Name)]
public sealed class SqliteCliTests : CliTests
{
    protected override HostStorage CreateStorage() => new SqliteStorage();
}

[Collection(CliCollection.Name)]
public sealed class PostgresCliTests : CliTests
{
    protected override HostStorage CreateStorage() => new PostgresStorage();
}
