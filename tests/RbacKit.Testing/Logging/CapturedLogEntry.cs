using Microsoft.Extensions.Logging;

namespace RbacKit.Testing.Logging;

/// <summary>One log call: where from, how severe, which event, the rendered message and the structured values.</summary>
public sealed record CapturedLogEntry(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    IReadOnlyDictionary<string, object?> Values,
    Exception? Exception)
{
    /// <summary>A structured value by name (<c>{UserId}</c> is "UserId"), or null.</summary>
    public object? this[string name] => Values.GetValueOrDefault(name);

    /// <summary>Everything a log sink could write for this entry: message, values and exception text.</summary>
    public string AllText() =>
        string.Join('\n', [Message, .. Values.Select(v => $"{v.Key}={v.Value}"), Exception?.ToString() ?? ""]);
}
