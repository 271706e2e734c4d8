using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace RbacKit.Benchmarks;

/// <summary>A database the hosts share: a SQLite file, or a PostgreSQL database of its own.</summary>
internal sealed class LoginBenchStore : IDisposable
{
    private readonly Action _dispose;

    private LoginBenchStore(string name, Action<DbContextOptionsBuilder> use, Action dispose)
    {
        Name = name;
        Use = use;
        _dispose = dispose;
    }

    public string Name { get; }

    public Action<DbContextOptionsBuilder> Use { get; }

    public bool Created { get; set; }

    public static LoginBenchStore Sqlite()
    {
        var file = ForgotPasswordDatabase.NewFile("login");
        return new LoginBenchStore("SQLite", o => o.UseSqlite($"Data Source={file};Default Timeout=30"), () => ForgotPasswordDatabase.Delete(file));
    }

    public static LoginBenchStore Postgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Database += "_login";
        var login = builder.ConnectionString;
        return new LoginBenchStore("PostgreSQL", o => o.UseNpgsql(login), NpgsqlConnection.ClearAllPools);
    }

    public void Dispose() => _dispose();
}
