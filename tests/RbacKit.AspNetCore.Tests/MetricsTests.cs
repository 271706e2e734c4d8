using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;

namespace RbacKit.AspNetCore.Tests;

public sealed class MetricsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly AuthHost _host = fixture.Host;

    [Fact]
    public async Task Rejected_tokens_and_permission_denials_are_counted_by_reason()
    {
        var measurements = new ConcurrentBag<(string Instrument, string? Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RbacKitMetrics.Name)
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

        Assert.Contains(("rbackit.tokens.rejected", "token_malformed"), measurements);
        Assert.Contains(("rbackit.permission.denials", "movies:write"), measurements);
    }
}
