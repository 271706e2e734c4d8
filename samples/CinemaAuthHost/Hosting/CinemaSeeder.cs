using CinemaAuthHost.Data;
using Microsoft.EntityFrameworkCore;
using RbacKit;
using RbacKit.Accounts;
using RbacKit.Administration;
using RbacKit.Domain;
using RbacKit.EntityFramework;
using RbacKit.Passwords;
using RbacKit.Seeding;
using RbacKit.Stores;

namespace CinemaAuthHost.Hosting;

/// <summary>Migrations, partitions, roles and (in Development) the demo users. Every step is idempotent.</summary>
internal sealed partial class CinemaSeeder(
    CinemaDbContext context,
    ILoginHistoryPartitions partitions,
    IRbacSeeder rbac,
    IAccountService accounts,
    IPasswordPolicy policy,
    IUserStore users,
    IRoleStore roles,
    IUserAdministrationService userAdministration,
    IRoleService roleService,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<CinemaSeeder> logger)
{
    public const string DefaultDemoPassword = "Cinema-Demo-2026!";

    public static readonly (string Email, string Role)[] DemoUsers =
    [
        ("superadmin@example.com", RoleDefinitionCollection.Superadmin),
        ("admin@example.com", RoleDefinitionCollection.Admin),
        ("moderator@example.com", "moderator"),
        ("user@example.com", RoleDefinitionCollection.User),
    ];

    public string DemoPassword => configuration["Demo:Password"] is { Length: > 0 } configured ? configured : DefaultDemoPassword;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await context.Database.MigrateAsync(cancellationToken);
        await partitions.EnsurePartitionedAsync(cancellationToken);
        await partitions.EnsurePartitionsAsync(time.GetUtcNow(), 3, cancellationToken);
    }

    public async Task<SeedReport> SeedRolesAsync(CancellationToken cancellationToken)
    {
        var report = await rbac.SeedAsync(cancellationToken);
        foreach (var role in report.RolesCreated)
        {
            Log.RoleCreated(logger, role);
        }

        return report;
    }

    public async Task SeedDemoUsersAsync(CancellationToken cancellationToken)
    {
        foreach (var (email, role) in DemoUsers)
        {
            var result = await CreateUserWithRoleAsync(email, DemoPassword, "Demo", role, cancellationToken);
            if (!result.Succeeded && result.Error.Code != RbacErrorCodes.EmailTaken)
            {
                throw new InvalidOperationException($"Demo user {email}: {result.Error.Message}");
            }
        }
    }

    /// <summary>Registers a user (or finds an existing one), marks the address confirmed and grants the role directly: this runs with the operator's authority, not a user's.</summary>
    public async Task<RbacResult> CreateUserWithRoleAsync(string email, string password, string lastName, string role, CancellationToken cancellationToken)
    {
        var existing = await userAdministration.FindByEmailAsync(email, cancellationToken);
        Guid userId;
        if (!existing.Succeeded)
        {
            var registered = await accounts.RegisterAsync(new RegisterRequest(email, password, password, role[..1].ToUpperInvariant() + role[1..], lastName), cancellationToken);
            if (!registered.Succeeded)
            {
                return registered.Error;
            }

            userId = registered.Value.Id;
        }
        else
        {
            if (policy.Check(password, [email]) is { } weak)
            {
                return weak;
            }

            userId = existing.Value.Id;
        }

        // The operator vouches for the address (demo users, create-superuser): no confirmation link is needed to sign in.
        if (await users.FindByIdAsync(userId, cancellationToken) is { EmailConfirmed: false } unconfirmed)
        {
            var now = time.GetUtcNow();
            var confirmed = unconfirmed with { EmailConfirmed = true, UpdatedAt = now, ConcurrencyStamp = Guid.CreateVersion7(now) };
            _ = await users.UpdateAsync(confirmed, unconfirmed.ConcurrencyStamp, cancellationToken);
        }

        var found = await roleService.FindByNameAsync(role, cancellationToken);
        var stored = found.Succeeded ? found.Value : throw new InvalidOperationException($"The role '{role}' does not exist; run the seed command first.");
        var granted = await roles.AddUserRoleAsync(new UserRole { UserId = userId, RoleId = stored.Id, GrantedAt = time.GetUtcNow() }, null, cancellationToken);
        return granted is StoreResult.Success or StoreResult.Duplicate ? RbacResult.Success : RbacError.NotFound("user");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Seeded role {Role}")]
        public static partial void RoleCreated(ILogger logger, string role);
    }
}
