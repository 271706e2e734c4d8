using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Text;

namespace RbacKit.HttpBenchmark;

/// <summary>
/// With RBACKIT_ALLOC_PROBE=1, tallies the runtime's allocation samples (GC AllocationTick, one per ~100 kB) by type,
/// served at GET /allocs: where a route's bytes per request go. Off by default: the listener itself costs time.
/// </summary>
internal sealed class AllocationProbe : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    public static AllocationProbe? Start() =>
        Environment.GetEnvironmentVariable("RBACKIT_ALLOC_PROBE") == "1" ? new AllocationProbe() : null;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames!.IndexOf("TypeName") is var i and >= 0 ? eventData.Payload[i] as string ?? "?" : "?";
        var amount = eventData.PayloadNames!.IndexOf("AllocationAmount64") is var j and >= 0 ? Convert.ToInt64(eventData.Payload[j], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, total) => total + amount);
    }

    public string Report()
    {
        var total = _bytes.Values.Sum();
        var text = new StringBuilder();
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(40))
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{100.0 * bytes / total,6:F1}%  {type}\n");
        }

        _bytes.Clear();
        return text.ToString();
    }
}
