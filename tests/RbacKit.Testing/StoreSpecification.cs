using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

/// <summary>
/// The behaviour every RbacKit store must have, written once. A provider's test class derives from it and supplies a
/// service provider whose stores talk to a real database (or the in-memory reference store).
/// </summary>
public abstract class StoreSpecification : IAsyncLifetime
{
    private ServiceProvider? _services;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    protected ServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Registers the stores under test (scoped or singleton) plus anything they need. <see cref="Time"/> is registered already.</summary>
    protected abstract Task ConfigureStoresAsync(IServiceCollection services);

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        await ConfigureStoresAsync(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>Runs <paramref name="action"/> with a store from a fresh scope, as one request would.</summary>
    protected async Task<TResult> Use<TStore, TResult>(Func<TStore, Task<TResult>> action) where TStore : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TStore>());
    }

    protected Task Use<TStore>(Func<TStore, Task> action) where TStore : notnull =>
        Use<TStore, bool>(async s =>
        {
            await action(s);
            return true;
        });

    /// <summary>An offset page request (the list name and key kind only matter for cursors).</summary>
    protected static PageRequest Page(int page, int pageSize, PageKeyKind kind = PageKeyKind.Time)
    {
        var invalid = Paging.Validate(page, pageSize, null, SpecList, kind, out var request);
        return invalid is null ? request : throw new InvalidOperationException(invalid.Message);
    }

    /// <summary>The request of the page after <paramref name="cursor"/>, as an endpoint would decode it.</summary>
    protected static PageRequest After(string? cursor, int pageSize, PageKeyKind kind = PageKeyKind.Time)
    {
        var invalid = Paging.Validate(1, pageSize, cursor ?? throw new InvalidOperationException("No next cursor."), SpecList, kind, out var request);
        return invalid is null ? request : throw new InvalidOperationException(invalid.Message);
    }

    private const string SpecList = "store-specification";

    protected static string UniqueEmail(string name = "user") => $"{name}-{Guid.CreateVersion7():N}@example.com";

    protected User NewUser(string? email = null) => TestEntities.User(email ?? UniqueEmail(), Time);

    protected Role NewRole(string? name = null, params string[] permissions)
    {
        name ??= $"role-{Guid.CreateVersion7():N}"[..30];
        var now = Time.GetUtcNow();
        var id = IdGenerator.NewId(Time);
        return new Role
        {
            Id = id,
            Name = name,
            NormalizedName = Normalizer.NormalizeKey(name),
            ConcurrencyStamp = IdGenerator.NewId(Time),
            CreatedAt = now,
            UpdatedAt = now,
            Permissions = [.. permissions.Select(p => new RolePermission { RoleId = id, Permission = p })],
        };
    }

    protected async Task<User> CreateUserAsync(params Role[] roles)
    {
        var user = NewUser();
        var result = await Use<IUserStore, StoreResult>(s => s.CreateAsync(user, [.. roles.Select(r => new UserRole { UserId = user.Id, RoleId = r.Id, GrantedAt = Time.GetUtcNow() })], default));
        Assert.Equal(StoreResult.Success, result);
        return user;
    }

    protected async Task<Role> CreateRoleAsync(params string[] permissions)
    {
        var role = NewRole(null, permissions);
        Assert.Equal(StoreResult.Success, await Use<IRoleStore, StoreResult>(s => s.CreateAsync(role, null, default)));
        return role;
    }

    protected Task<User?> FindUserAsync(Guid id) => Use<IUserStore, User?>(s => s.FindByIdAsync(id, default));

    protected (Session Session, RefreshToken Token) NewSession(Guid userId, TimeSpan? lifetime = null)
    {
        var now = Time.GetUtcNow();
        var session = new Session
        {
            Id = IdGenerator.NewId(Time),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + (lifetime ?? TimeSpan.FromDays(30)),
            IpAddress = "203.0.113.9",
            UserAgent = "spec",
        };
        return (session, NewToken(session.Id));
    }

    protected RefreshToken NewToken(Guid sessionId) => new()
    {
        TokenHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
        SessionId = sessionId,
        CreatedAt = Time.GetUtcNow(),
        ExpiresAt = Time.GetUtcNow().AddDays(7),
    };
}
