using System.Net;
using CinemaAuthHost.Tests.Otlp;

namespace CinemaAuthHost.Tests;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the host exports traces and metrics over OTLP/HTTP to a real receiver on
/// loopback: a login is a server span with RbacKit's <c>RbacKit.Login</c> span inside it, its result tagged and no
/// secret in any attribute, and the login counter arrives.
/// </summary>
/// <remarks>
/// Activity listeners are process-wide: while this host's tracer provider lives it also records every other test
/// host's requests and EF Core commands, and under a parallel load its export queue overflowed and dropped the very
/// spans this test looks for. So it runs alone, after the parallel tests, with a queue no burst can fill.
/// </remarks>
[Collection(ProcessListenersCollection.Name)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_login_exports_its_span_tree_and_counter_over_OTLP_without_secrets()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var storage = new SqliteStorage();
        await using var host = await CinemaHost.StartAsync(storage, receiver.HostSettings);
        var account = await host.RegisterAsync("otlp");

        var tokens = await host.LoginAsync(account);
        using var client = host.CreateClient(tokens.AccessToken);
        await (await client.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);

        Span? login = null;
        Span? server = null;
        await Http.EventuallyAsync(() =>
        {
            var spans = receiver.Spans.ToList();
            login = spans.FirstOrDefault(s => s.Name == "RbacKit.Login" && s.Attribute("rbackit.login.result") == "success");
            server = login is null ? null : spans.FirstOrDefault(s => s.SpanId == login.ParentSpanId);
            return Task.FromResult(server is not null);
        }, TimeSpan.FromSeconds(30), "the login span and its request span are exported");

        Assert.Equal(2, server!.Kind); // SERVER
        Assert.Contains("/auth/login", server.Name + " " + server.Attribute("http.route") + " " + server.Attribute("url.path"), StringComparison.Ordinal);
        Assert.Equal(server.TraceId.Hex(), login!.TraceId.Hex());
        foreach (var value in receiver.Spans.ToList().SelectMany(s => s.Strings()))
        {
            Assert.DoesNotContain(account.Password, value, StringComparison.Ordinal);
            Assert.DoesNotContain(tokens.AccessToken, value, StringComparison.Ordinal);
            Assert.DoesNotContain(tokens.RefreshToken, value, StringComparison.Ordinal);
        }

        await Http.EventuallyAsync(() => Task.FromResult(receiver.Metrics.ToList().Any(m => m.Name == "rbackit.login.attempts"
                && m.Sum?.DataPoints.Any(p => p.AsInt >= 1 && p.Attributes.Any(a => a.Key == "rbackit.login.result" && a.Value.StringValue == "success")) == true)),
            TimeSpan.FromSeconds(30), "the login counter is exported");
    }

    [Fact]
    public async Task Redis_calls_of_the_change_feed_are_exported_as_client_spans()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var storage = new SqliteStorage();
        await using var host = await CinemaHost.StartAsync(storage, [.. receiver.HostSettings,
            ("ConnectionStrings:Redis", RbacKit.Testing.TestServers.Redis), ("Redis:Channel", $"otlp-{Guid.NewGuid():N}:changes")]);
        var account = await host.RegisterAsync("otlp-redis");
        using var client = host.CreateClient((await host.LoginAsync(account)).AccessToken);

        // The logout publishes the revocation on the change feed (and journals it): Redis commands on RbacKit's connection.
        await (await client.PostAsync("/auth/logout", null)).AssertStatusAsync(HttpStatusCode.NoContent);

        await Http.EventuallyAsync(() => Task.FromResult(receiver.Spans.ToList().Any(s => s.Kind == 3 // CLIENT
                && (s.Attribute("db.system") == "redis" || s.Attribute("db.system.name") == "redis"))),
            TimeSpan.FromSeconds(30), "a Redis client span is exported");
    }
}
