using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RbacKit.Testing;

namespace RbacKit.EntityFramework.Tests;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>One database per test class and provider, created once with the RbacKit model.</summary>
public static class TestDatabases
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Created = new(StringComparer.Ordinal);

    public static Task<string> GetAsync(Provider provider, string name) =>
        Created.GetOrAdd($"{provider}:{name}", _ => new Lazy<Task<string>>(() => CreateAsync(provider, name))).Value;

    public static void Configure(DbContextOptionsBuilder options, Provider provider, string connectionString, params IInterceptor[] interceptors)
    {
        if (provider == Provider.Sqlite)
        {
            options.UseSqlite(connectionString);
        }
        else
        {
            options.UseNpgsql(connectionString);
        }

        options.AddInterceptors(interceptors);
    }

    /// <summary>A context on a fresh database of its own (a unique name per call), with <paramref name="interceptors"/>.</summary>
    public static async Task<(TestDbContext Context, string ConnectionString)> CreateContextAsync(Provider provider, string name, params IInterceptor[] interceptors)
    {
        var connectionString = await GetAsync(provider, name + Guid.NewGuid().ToString("N")[..8]);
        var builder = new DbContextOptionsBuilder<TestDbContext>();
        Configure(builder, provider, connectionString, interceptors);
        return (new TestDbContext(builder.Options), connectionString);
    }

    private static async Task<string> CreateAsync(Provider provider, string name)
    {
        var connectionString = provider == Provider.Sqlite
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetTempPath(), $"rbackit-{name}-{Guid.CreateVersion7():N}.db"), DefaultTimeout = 60 }.ToString()
            : TestServers.PostgresDatabase($"rbackit_{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}_{name.ToLowerInvariant()}"[..Math.Min(60, 21 + name.Length)]);
        var builder = new DbContextOptionsBuilder<TestDbContext>();
        Configure(builder, provider, connectionString);
        await using var context = new TestDbContext(builder.Options);
        await context.Database.EnsureDeletedAsync();
        await context.Database.EnsureCreatedAsync();
        if (provider == Provider.Sqlite)
        {
            // WAL lets readers run beside the single writer, as a real SQLite deployment would.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        return connectionString;
    }
}
