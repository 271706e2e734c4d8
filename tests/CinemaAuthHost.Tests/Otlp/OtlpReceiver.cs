using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CinemaAuthHost.Tests.Otlp;

/// <summary>
/// A real OTLP/HTTP endpoint on loopback (<c>POST /v1/traces</c>, <c>POST /v1/metrics</c>, protobuf bodies) that keeps
/// what the host exports, for the telemetry test.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Span> Spans { get; } = new();

    public ConcurrentQueue<Metric> Metrics { get; } = new();

    /// <summary>The base address, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string Endpoint => _app.Urls.Single();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            var message = ExportTraceServiceRequest.Parser.ParseFrom(await ReadAsync(request));
            foreach (var span in message.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans))
            {
                receiver.Spans.Enqueue(span);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            var message = ExportMetricsServiceRequest.Parser.ParseFrom(await ReadAsync(request));
            foreach (var metric in message.ResourceMetrics.SelectMany(r => r.ScopeMetrics).SelectMany(s => s.Metrics))
            {
                receiver.Metrics.Enqueue(metric);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The host settings that export to this receiver, quickly (short batch and metric intervals).</summary>
    public (string Key, string Value)[] HostSettings =>
    [
        ("OTEL_EXPORTER_OTLP_ENDPOINT", Endpoint),
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        ("OTEL_BSP_SCHEDULE_DELAY", "200"),
        ("OTEL_METRIC_EXPORT_INTERVAL", "500"),
        ("OTEL_BSP_MAX_QUEUE_SIZE", "65536"),
    ];

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

/// <summary>Reading helpers for the received messages.</summary>
public static class OtlpValues
{
    public static string? Attribute(this Span span, string key) =>
        span.Attributes.FirstOrDefault(a => a.Key == key)?.Value?.StringValue;

    public static IEnumerable<string> Strings(this Span span) =>
        span.Attributes.Select(a => a.Value?.ValueCase == AnyValue.ValueOneofCase.StringValue ? a.Value.StringValue : "");

    public static string Hex(this ByteString bytes) => Convert.ToHexString(bytes.ToByteArray());
}
