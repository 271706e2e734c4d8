using Microsoft.Extensions.DependencyInjection;
using RbacKit.Accounts;
using RbacKit.Benchmarks.Postgres;
using RbacKit.Mail;
using RbacKit.Seeding;

namespace RbacKit.Benchmarks;

/// <summary>What both forgot-password benchmarks share: the options, a SQLite file with one known account, the outbox count.</summary>
internal static class ForgotPasswordDatabase
{
    public const string Known = "ada@cinema.example";
    public const string Unknown = "nobody@cinema.example";

    public static string NewFile(string name) => Path.Combine(Path.GetTempPath(), $"rbackit-bench-{name}-{Guid.CreateVersion7():N}.db");

    public static void Configure(RbacKitOptions options)
    {
        options.Issuer = "https://auth.cinema.example";
        options.Audience = "cinema-api";
        options.Tokens.KeyEncryptionKey = Convert.ToBase64String(new byte[32]);
        options.Passwords.WorkFactor = 4;
        options.Passwords.AllowWeakWorkFactor = true;
        options.Permissions.Add("movies:read");
        options.Roles.Add("user", null, "movies:read");
    }

    /// <summary>Creates the schema, seeds the roles and registers <see cref="Known"/>.</summary>
    public static void Create(IServiceProvider services) => Run(services, async scope =>
    {
        await scope.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
        await scope.GetRequiredService<IRbacSeeder>().SeedAsync(default);
        var password = "correct horse battery staple 42";
        var registered = await scope.GetRequiredService<IAccountService>().RegisterAsync(new RegisterRequest(Known, password, password, "Ada", "Lovelace"), default);
        if (!registered.Succeeded)
        {
            throw new InvalidOperationException(registered.Error?.Message);
        }
    });

    /// <summary>Mails waiting in the outbox.</summary>
    public static int Queued(IServiceProvider services)
    {
        var count = 0;
        Run(services, async scope => count = await scope.GetRequiredService<IMailOutboxStore>().CountAsync(default));
        return count;
    }

    /// <summary>Throws unless <paramref name="queued"/> is what <paramref name="email"/> should have queued (one mail for the known address).</summary>
    public static void CheckQueued(string email, int queued)
    {
        var expected = email == Known ? 1 : 0;
        if (queued != expected)
        {
            throw new InvalidOperationException($"forgot-password for {email} queued {queued} mail(s), expected {expected}.");
        }
    }

    public static void Delete(string file)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
    }

    private static void Run(IServiceProvider services, Func<IServiceProvider, Task> action)
    {
        using var scope = services.CreateScope();
        action(scope.ServiceProvider).GetAwaiter().GetResult();
    }
}
