using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RbacKit.Accounts;
using RbacKit.Caching;
using RbacKit.Seeding;
using RbacKit.Sessions;
using RbacKit.Stores;

namespace RbacKit.EntityFramework.Tests;

/// <summary>RbacKit's services over the EF stores, once per provider: the flows and races a real deployment sees.</summary>
public abstract class EfServiceTests(Provider provider) : IAsyncLifetime
{
    private const string Password = "correct horse battery staple 42";

    // One key-encryption key for every test of the class: they share a database, and so its signing keys.
    private static readonly string KeyEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly CommandCounter _counter = new();
    private ServiceProvider _services = null!;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabases.GetAsync(provider, GetType().Name);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddDbContext<TestDbContext>(o => TestDatabases.Configure(o, provider, connectionString, _counter));
        services.AddRbacKitCore(o =>
        {
            o.Issuer = "https://auth.test";
            o.Audience = "api";
            o.Passwords.WorkFactor = 4;
            o.Passwords.AllowWeakWorkFactor = true;
            o.Tokens.KeyEncryptionKey = KeyEncryptionKey;
            o.Permissions.Add("movies:read").Add("movies:write");
            o.Roles.Add("moderator", null, "movies:*");
            o.Roles.Add("user", null, "movies:read");
        }).AddEntityFrameworkStores<TestDbContext>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await InScopeAsync<IRbacSeeder, SeedReport>(s => s.SeedAsync(default));
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private Task<RbacResult<UserProfile>> RegisterAsync(string email) =>
        InScopeAsync<IAccountService, RbacResult<UserProfile>>(a => a.RegisterAsync(new RegisterRequest(email, Password, Password, "Ada", "Lovelace"), default));

    private static string Email(string name) => $"{name}-{Guid.CreateVersion7():N}@example.com";

    [Fact]
    public async Task Fifty_parallel_registrations_of_one_email_create_one_user()
    {
        var email = Email("race");
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => RegisterAsync(email))));
        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Equal(49, results.Count(r => r.Error?.Code == RbacErrorCodes.EmailTaken));
        var found = await InScopeAsync<IUserStore, PagedResult<Domain.User>>(s => s.SearchAsync(email, PageRequest.First("test", 10), default));
        Assert.Equal(1, found.Total);
    }

    [Fact]
    public async Task Twenty_parallel_refreshes_of_one_token_give_at_most_one_success_and_no_orphan_session()
    {
        var email = Email("refresh");
        var user = (await RegisterAsync(email)).Value!;
        var login = await InScopeAsync<IAuthService, RbacResult<TokenPair>>(a => a.LoginAsync(new LoginRequest(email, Password), ClientInfo.Unknown, default));
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            InScopeAsync<ISessionService, RbacResult<SessionRefresh>>(s => s.RefreshAsync(login.Value!.RefreshToken, default)))));
        Assert.True(results.Count(r => r.Succeeded) <= 1);

        // Losers saw reuse, so the family is revoked: no session stays usable.
        if (results.Any(r => !r.Succeeded))
        {
            Assert.Empty(await InScopeAsync<ISessionStore, IReadOnlyList<Domain.Session>>(s => s.ListActiveAsync(user.Id, Time.GetUtcNow(), default)));
        }
    }

    [Fact]
    public async Task A_users_effective_permissions_load_in_one_round_trip()
    {
        var email = Email("perm");
        var user = (await RegisterAsync(email)).Value!;
        var moderator = await InScopeAsync<IRoleStore, Domain.Role?>(s => s.FindByNameAsync("MODERATOR", default));
        await InScopeAsync<IRoleStore, StoreResult>(s => s.AddUserRoleAsync(new Domain.UserRole { UserId = user.Id, RoleId = moderator!.Id, GrantedAt = Time.GetUtcNow() }, null, default));

        _counter.Reset();
        var data = await InScopeAsync<IRoleStore, UserAuthorizationData?>(s => s.GetAuthorizationDataAsync(user.Id, default));
        Assert.Equal(1, _counter.Count);
        Assert.Equal(["moderator", "user"], data!.Roles.Select(r => r.Name));

        // The state provider caches it: the second check costs no command at all.
        var state = _services.GetRequiredService<IAuthorizationStateProvider>();
        _counter.Reset();
        var first = await state.GetUserAsync(user.Id, 0, default);
        var second = await state.GetUserAsync(user.Id, 0, default);
        Assert.Equal(1, _counter.Count);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task The_whole_account_journey_works_on_the_real_store()
    {
        var email = Email("journey");
        var user = (await RegisterAsync(email)).Value!;
        var login = (await InScopeAsync<IAuthService, RbacResult<TokenPair>>(a => a.LoginAsync(new LoginRequest(email, Password), new ClientInfo("127.0.0.1", "tests"), default))).Value!;
        var refreshed = await InScopeAsync<IAuthService, RbacResult<TokenPair>>(a => a.RefreshAsync(login.RefreshToken, default));
        Assert.True(refreshed.Succeeded);
        var reuse = await InScopeAsync<IAuthService, RbacResult<TokenPair>>(a => a.RefreshAsync(login.RefreshToken, default));
        Assert.Equal(RbacErrorCodes.TokenReused, reuse.Error?.Code);

        var history = await InScopeAsync<IAccountService, RbacResult<PagedResult<LoginHistoryItem>>>(a => a.GetLoginHistoryAsync(user.Id, 1, 20, default));
        Assert.Equal(1, history.Value!.Total);
        var deactivate = await InScopeAsync<IAccountService, RbacResult>(a => a.DeactivateAsync(user.Id, Password, default));
        Assert.True(deactivate.Succeeded);
        var again = await InScopeAsync<IAuthService, RbacResult<TokenPair>>(a => a.LoginAsync(new LoginRequest(email, Password), ClientInfo.Unknown, default));
        Assert.Equal(RbacErrorCodes.InvalidCredentials, again.Error?.Code);
    }

    [Fact]
    public async Task Many_parallel_logins_are_all_recorded()
    {
        var email = Email("many");
        var user = (await RegisterAsync(email)).Value!;
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            InScopeAsync<IAuthService, RbacResult<TokenPair>>(a => a.LoginAsync(new LoginRequest(email, i % 3 == 0 ? "wrong password here" : Password), ClientInfo.Unknown, default)))));
        var history = await InScopeAsync<IAccountService, RbacResult<PagedResult<LoginHistoryItem>>>(a => a.GetLoginHistoryAsync(user.Id, 1, 100, default));
        Assert.Equal(30, history.Value!.Total);
        Assert.Equal(results.Count(r => r.Succeeded), history.Value.Items.Count(i => i.Success));
    }
}

public sealed class SqliteServiceTests() : EfServiceTests(Provider.Sqlite);

public sealed class PostgresServiceTests() : EfServiceTests(Provider.Postgres);
