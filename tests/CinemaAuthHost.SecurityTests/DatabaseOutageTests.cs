using System.Net;
using Microsoft.Extensions.Logging;
using Npgsql;
using RbacKit.Testing;
using RbacKit.Testing.Logging;

namespace CinemaAuthHost.SecurityTests;

/// <summary>A host whose PostgreSQL connections go through a <see cref="TcpForwarder"/> the test can close and reopen.</summary>
public sealed class OutageFixture : SecurityHostFixture
{
    public LogCapture Logs { get; } = new();

    public TcpForwarder Forwarder { get; } = new(PostgresEndPoint());

    /// <summary>The password of the test cluster, which must never reach a log.</summary>
    public static string PostgresPassword => new NpgsqlConnectionStringBuilder(TestServers.Postgres).Password ?? "";

    protected override string Name => "outage";

    protected override SecurityHostHooks Hooks => new(
        direct => new NpgsqlConnectionStringBuilder(direct) { Host = "127.0.0.1", Port = Forwarder.Port, Timeout = 5 }.ConnectionString,
        logging => logging.AddProvider(Logs));

    public override async Task InitializeAsync()
    {
        Forwarder.Open();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        if (!Forwarder.IsOpen)
        {
            Forwarder.Open(); // a failed test may leave it closed; the host stops cleanly with its database
        }

        await base.DisposeAsync();
        await Forwarder.DisposeAsync();
    }

    private static IPEndPoint PostgresEndPoint()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestServers.Postgres);
        return new IPEndPoint(IPAddress.Parse(builder.Host!), builder.Port);
    }
}

/// <summary>
/// The database goes away while the host runs: requests that need it get 503 <c>service_unavailable</c> with
/// <c>Retry-After</c> (not 500), the outage is logged once without the connection string, and the host serves again
/// as soon as the database is back, without a restart.
/// </summary>
public sealed class DatabaseOutageTests(OutageFixture fixture) : IClassFixture<OutageFixture>
{
    private const int OutageLogged = 5201;
    private const int RecoveryLogged = 5202;

    private SecurityHost Host => fixture.Host;

    [Fact]
    public async Task Without_its_database_the_host_answers_503_logs_once_and_recovers_when_it_is_back()
    {
        var moderator = await Host.LoginAsync(Api.Moderator);
        using var content = Host.CreateClient(moderator.AccessToken);
        await (await content.GetAsync("/authors")).AssertStatusAsync(HttpStatusCode.OK);
        await (await content.GetAsync("/movies")).AssertStatusAsync(HttpStatusCode.OK);
        fixture.Logs.Clear();

        await fixture.Forwarder.CloseAsync();
        for (var i = 0; i < 3; i++)
        {
            await AssertUnavailableAsync(await Host.PostLoginAsync(new { email = Api.User, password = Api.DemoPassword }));
            await AssertUnavailableAsync(await content.GetAsync("/authors"));
            await AssertUnavailableAsync(await content.GetAsync("/movies"));
        }

        var outage = Assert.Single(fixture.Logs.WithEventId(OutageLogged));
        Assert.Equal(LogLevel.Error, outage.Level);
        // Background work reports its own failure once per streak: partition maintenance (once at start-up, if it
        // overlaps) and the mail outbox drainer (one warning however long the outage lasts).
        Assert.True(fixture.Logs.Entries.Count(e => e.Category.EndsWith(".MailOutboxDrainer", StringComparison.Ordinal) && e.Level >= LogLevel.Warning) <= 1);
        var serious = fixture.Logs.Entries.Where(e => e.Level >= LogLevel.Warning
            && !e.Category.EndsWith(".PartitionMaintenance", StringComparison.Ordinal)
            && !e.Category.EndsWith(".MailOutboxDrainer", StringComparison.Ordinal)).ToList();
        Assert.True(serious.Count == 1, $"expected only the outage entry, got:\n{string.Join('\n', serious.Select(e => $"{e.Category} {e.EventId} {e.Message}"))}");
        AssertNoSecrets(fixture.Logs.Entries);

        // Back: the very next requests succeed (the host dropped its pooled connections when the outage began, so none
        // broken by it is handed out now).
        fixture.Forwarder.Open();
        await (await Host.PostLoginAsync(new { email = Api.User, password = Api.DemoPassword })).AssertStatusAsync(HttpStatusCode.OK);
        await (await content.GetAsync("/authors")).AssertStatusAsync(HttpStatusCode.OK);
        await (await content.GetAsync("/movies")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Single(fixture.Logs.WithEventId(RecoveryLogged));
        Assert.Single(fixture.Logs.WithEventId(OutageLogged));
        AssertNoSecrets(fixture.Logs.Entries);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal("service_unavailable", problem.GetProperty("code").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    private static void AssertNoSecrets(IEnumerable<CapturedLogEntry> entries)
    {
        var password = OutageFixture.PostgresPassword;
        Assert.False(string.IsNullOrEmpty(password));
        foreach (var entry in entries)
        {
            var text = entry.AllText();
            Assert.DoesNotContain("Password=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(TestServers.Postgres, text, StringComparison.Ordinal);
        }
    }
}
