using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using CinemaAuthHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;
using RbacKit.Testing;

namespace CinemaAuthHost.SecurityTests;

/// <summary>
/// CinemaAuthHost on Kestrel at a free loopback port, built and prepared exactly as Program does it, on a database of its
/// own on the PostgreSQL of ./test.sh and on its Redis. Development environment (demo users), fast password hashing,
/// and rate limits raised out of reach unless a test passes its own.
/// </summary>
public sealed class SecurityHost : IAsyncDisposable
{
    public const string UserAgent = "CinemaAuthHost.SecurityTests/1.0";

    private readonly WebApplication _app;
    private readonly string _database;
    private readonly SocketsHttpHandler _handler = new() { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 256 };

    private SecurityHost(WebApplication app, Uri baseAddress, string database)
    {
        _app = app;
        BaseAddress = baseAddress;
        _database = database;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Settings every host gets; <c>StartAsync</c>'s own settings win.</summary>
    public static IEnumerable<(string Key, string Value)> Defaults()
    {
        yield return ("urls", "http://127.0.0.1:0");
        yield return ("environment", "Development");
        yield return ("applicationName", "CinemaAuthHost");
        // A fixed issuer, as before issue 12 made the Development default the listening address.
        yield return ("RbacKit:Issuer", "http://localhost:5080");
        yield return ("RbacKit:Passwords:WorkFactor", "4");
        yield return ("RbacKit:Passwords:AllowWeakWorkFactor", "true");
        foreach (var policy in new[] { "Login", "LoginPerAccount", "Register", "Refresh", "Mfa", "AccountProof" })
        {
            yield return ($"RateLimits:{policy}:PermitLimit", "1000000");
        }
    }

    public static Task<SecurityHost> StartAsync(string name, params (string Key, string Value)[] settings) => StartAsync(name, null, settings);

    /// <summary>Starts a host; <paramref name="hooks"/> may route its database connections and add log providers.</summary>
    public static async Task<SecurityHost> StartAsync(string name, SecurityHostHooks? hooks, params (string Key, string Value)[] settings)
    {
        var database = $"sec_{name.ToLowerInvariant()}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Defaults().Concat(
        [
            ("ConnectionStrings:Postgres", hooks?.Postgres is { } route ? route(TestServers.PostgresDatabase(database)) : TestServers.PostgresDatabase(database)),
            ("ConnectionStrings:Redis", TestServers.Redis),
            // A channel of its own: rate limits counted in Redis are not shared with the other hosts of the run.
            ("Redis:Channel", $"{database}:changes"),
            // The throttle tests count exactly: under CI load Redis can take over the 1 s default to answer, and the
            // limiter would then count locally from zero (the one way we see for 7 attempts to pass a limit of 5, as
            // ThrottleTests once saw at load 9).
            ("RateLimits:RedisTimeout", "00:00:30"),
            ("RbacKit:Tokens:KeyEncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            ("Data:Directory", Path.Combine(Path.GetTempPath(), database)),
        ]).Concat(settings))
        {
            values[key] = value;
        }

        var app = CinemaApp.Build([.. values.Select(v => $"--{v.Key}={v.Value}")], b =>
        {
            b.Logging.ClearProviders();
            hooks?.Logging?.Invoke(b.Logging);
        });
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await CinemaApp.PrepareAsync(app, timeout.Token);
            await app.StartAsync(timeout.Token);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Urls.Single(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return new SecurityHost(app, new Uri(address), database);
    }

    /// <summary>A client of this host; with <paramref name="accessToken"/> it sends <c>Authorization: Bearer</c>.</summary>
    public HttpClient CreateClient(string? accessToken = null)
    {
        var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    /// <summary>
    /// A client whose connections leave from another loopback address (127.0.0.<paramref name="lastOctet"/>), so the host
    /// sees a different client address without any forwarded header. The caller disposes the returned client.
    /// </summary>
    public HttpClient CreateClientFrom(byte lastOctet)
    {
        var source = new IPAddress([127, 0, 0, lastOctet]);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        return client;
    }

    /// <summary>Runs SQL against this host's database and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresDatabase(_database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Runs a counting query against this host's database.</summary>
    public async Task<long> CountAsync(string sql) =>
        Convert.ToInt64(await ScalarAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _handler.Dispose();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(TestServers.PostgresDatabase("postgres"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The cluster of ./test.sh is thrown away afterwards anyway.
        }

        try
        {
            Directory.Delete(Path.Combine(Path.GetTempPath(), _database), recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>One host per test class (xunit class fixture); subclasses choose settings.</summary>
public abstract class SecurityHostFixture : IAsyncLifetime
{
    private SecurityHost? _host;

    public SecurityHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialized.");

    protected virtual (string Key, string Value)[] Settings => [];

    protected virtual SecurityHostHooks? Hooks => null;

    protected abstract string Name { get; }

    public virtual async Task InitializeAsync() => _host = await SecurityHost.StartAsync(Name, Hooks, Settings);

    public virtual async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>
/// What a fixture may change about its host beyond settings: <paramref name="Postgres"/> rewrites the host's connection
/// string (e.g. through a forwarder), <paramref name="Logging"/> adds log providers (e.g. a <c>LogCapture</c>).
/// </summary>
public sealed record SecurityHostHooks(Func<string, string>? Postgres = null, Action<ILoggingBuilder>? Logging = null);
