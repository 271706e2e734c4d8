using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace RbacKit.AspNetCore.Tests;

public sealed class MetricsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly AuthHost _host = fixture.Host;

    [Fact]
    public async Task Rejected_tokens_and_permission_denials_are_counted_by_reason()
    {
        var measurements = new ConcurrentBag<(string Instrument, string? Tag)>();
        var factory = _host.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Created through this host's IMeterFactory: other hosts of parallel tests do not leak in.
            if (instrument.Meter.Name == RbacKitDiagnostics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                measurements.Add((instrument.Name, tag.Value?.ToString()));
            }
        });
        listener.Start();
        var user = await _host.CreateUserAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient("a.b.c").GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.CreateClient(user.AccessToken).PostAsync("/minimal/write", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = "wrong" })).StatusCode);

        Assert.Contains(("rbackit.token.validation.failures", "token_malformed"), measurements);
        Assert.Contains(("rbackit.authorization.denials", "movies:write"), measurements);
        Assert.Contains(("rbackit.token.issued", "password"), measurements);
        Assert.Contains(("rbackit.login.attempts", "success"), measurements);
        Assert.Contains(("rbackit.login.attempts", "invalid_password"), measurements);
        Assert.All(measurements, m => Assert.StartsWith("rbackit.", m.Instrument, StringComparison.Ordinal));
    }
}
