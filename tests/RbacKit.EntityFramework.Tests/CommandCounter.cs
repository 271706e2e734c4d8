using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RbacKit.EntityFramework.Tests;

/// <summary>Counts the database commands a context executes.</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public List<string> Commands { get; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        lock (Commands)
        {
            Commands.Clear();
        }
    }

    private void Record(DbCommand command)
    {
        Interlocked.Increment(ref _count);
        lock (Commands)
        {
            Commands.Add(command.CommandText);
        }
    }
}
