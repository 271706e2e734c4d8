using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RbacKit.Accounts;
using RbacKit.Testing;
using RbacKit.Seeding;
using RbacKit.Sessions;
using RbacKit.Stores;

namespace RbacKit.Core.Tests;

/// <summary>A service provider with RbacKit's core services over the in-memory store and a fake clock.</summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string Password = "correct horse battery staple 42";

    private TestHost(ServiceProvider provider, InMemoryStore store, FakeTimeProvider time)
    {
        Provider = provider;
        Store = store;
        Time = time;
    }

    public ServiceProvider Provider { get; }
    public InMemoryStore Store { get; }
    public FakeTimeProvider Time { get; }

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    /// <param name="configure">Changes to the options.</param>
    /// <param name="store">The store to use (a new one by default).</param>
    /// <param name="logs">Where the log goes (nowhere by default).</param>
    /// <param name="services">More registrations, made after RbacKit's (replacements of its services).</param>
    public static async Task<TestHost> CreateAsync(Action<RbacKitOptions>? configure = null, InMemoryStore? store = null, ILoggerProvider? logs = null, Action<IServiceCollection>? services = null)
    {
        store ??= new InMemoryStore();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var collection = new ServiceCollection();
        if (logs is null)
        {
            collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        }
        else
        {
            collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(logs));
        }

        collection.AddSingleton<TimeProvider>(time);
        collection.AddRbacKitCore(o =>
        {
            o.Issuer = "https://auth.test";
            o.Audience = "cinema-api";
            o.Passwords.WorkFactor = 4;
            o.Passwords.AllowWeakWorkFactor = true;
            o.Tokens.KeyEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            o.Permissions.Add("movies:read", "Read movies").Add("movies:write", "Change movies").Add("series:read");
            o.Roles.Add("moderator", "Moderates content", "movies:read", "movies:write");
            o.Roles.Add("user", null, "movies:read");
            configure?.Invoke(o);
        });
        foreach (var type in new[] { typeof(IUserStore), typeof(IRoleStore), typeof(ISessionStore), typeof(ILoginEventStore), typeof(IAuditEventStore), typeof(ISigningKeyStore), typeof(IRecoveryCodeStore), typeof(IPermissionDefinitionStore), typeof(RbacKit.Accounts.Recovery.IMailTokenStore), typeof(RbacKit.Mail.IMailOutboxStore), typeof(IOAuthClientStore) })
        {
            collection.AddSingleton(type, store);
        }

        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var host = new TestHost(provider, store, time);
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IRbacSeeder>().SeedAsync(default);
        return host;
    }

    /// <summary>Runs <paramref name="action"/> in a fresh DI scope, as a request would.</summary>
    public async Task<TResult> InScopeAsync<TService, TResult>(Func<TService, Task<TResult>> action) where TService : notnull
    {
        await using var scope = Provider.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<UserProfile> RegisterAsync(string email, string password = Password)
    {
        var result = await InScopeAsync<IAccountService, RbacResult<UserProfile>>(a => a.RegisterAsync(new RegisterRequest(email, password, password, "Ada", "Lovelace"), default));
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value;
    }

    public Task<RbacResult<TokenPair>> LoginAsync(string email, string password = Password, string? code = null, string? recovery = null) =>
        InScopeAsync<IAuthService, RbacResult<TokenPair>>(a => a.LoginAsync(new LoginRequest(email, password, code, recovery), new ClientInfo("127.0.0.1", "tests"), default));

    public async Task<TokenPair> LoginOkAsync(string email, string password = Password)
    {
        var result = await LoginAsync(email, password);
        Assert.True(result.Succeeded, result.Error?.Code);
        return result.Value;
    }

    public async Task<Guid> GrantAsync(Guid userId, string role)
    {
        var roleId = (await Store.FindByNameAsync(Normalizer.NormalizeKey(role), default))!.Id;
        await Store.AddUserRoleAsync(new Domain.UserRole { UserId = userId, RoleId = roleId, GrantedAt = Time.GetUtcNow() }, null, default);
        return roleId;
    }

    /// <summary>The queued mails to <paramref name="to"/>, oldest first, decrypted.</summary>
    internal IReadOnlyList<Mail.MailContent> MailTo(string to)
    {
        var protector = Get<Secrets.ISecretProtector>();
        return [.. Store.Outbox.Where(m => string.Equals(m.To, to, StringComparison.OrdinalIgnoreCase)).Select(m => Mail.MailContent.Unprotect(protector, m.ProtectedContent))];
    }

    /// <summary>The token of the link in the newest mail to <paramref name="to"/>.</summary>
    public string LinkTokenTo(string to)
    {
        var match = System.Text.RegularExpressions.Regex.Match(MailTo(to)[^1].TextBody, "token=([A-Za-z0-9_-]{43})");
        Assert.True(match.Success, "The mail has no link with a token.");
        return match.Groups[1].Value;
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
