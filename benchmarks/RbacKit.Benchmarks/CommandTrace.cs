using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RbacKit.Benchmarks;

/// <summary>When enabled, notes each SQL command's duration and its first words: the profile of one login.</summary>
internal sealed class CommandTrace : DbCommandInterceptor
{
    private readonly List<string> _lines = [];

    public bool Enabled { get; set; }

    public List<string> Drain()
    {
        lock (_lines)
        {
            var lines = _lines.ToList();
            _lines.Clear();
            return lines;
        }
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Note(command, eventData);
        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Note(command, eventData);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Note(command, eventData);
        return base.ScalarExecutedAsync(command, eventData, result, cancellationToken);
    }

    private void Note(DbCommand command, CommandExecutedEventData eventData)
    {
        if (!Enabled)
        {
            return;
        }

        var text = string.Join(' ', command.CommandText.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        lock (_lines)
        {
            _lines.Add(string.Create(CultureInfo.InvariantCulture, $"{eventData.Duration.TotalMilliseconds,7:F3} ms  {text[..Math.Min(text.Length, 110)]}"));
        }
    }
}
