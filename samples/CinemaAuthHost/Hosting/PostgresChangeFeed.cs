using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using RbacKit.Caching;

namespace CinemaAuthHost.Hosting;

/// <summary>
/// The change feed of instances that share a PostgreSQL database without Redis: PostgreSQL's own <c>LISTEN</c>/<c>NOTIFY</c>
/// on the channel <see cref="Channel"/>. A change is delivered locally at once and sent with <c>pg_notify</c>; notifications
/// of other instances are delivered locally, this instance's own echoes skipped. <see cref="IsReliable"/> is true only
/// once a probe notification came back through this instance's listening connection, and false from the moment that
/// connection fails: caches then read the database on every request. On becoming reliable (again)
/// <see cref="AuthorizationChangeKind.Everything"/> is delivered locally, since changes may have been missed; the database
/// itself is the journal, as every cached value is read from it. A failed send never fails the caller: it is retried.
/// </summary>
internal sealed partial class PostgresChangeFeed(string connectionString, TimeProvider time, ILogger<PostgresChangeFeed> logger)
    : AuthorizationChangeFeed
{
    /// <summary>The notification channel.</summary>
    public const string Channel = "rbackit_changes";

    private const int MaxPending = 10_000;
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(5);
    private readonly string _instanceId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private readonly ConcurrentQueue<AuthorizationChange> _pending = new();
    private int _pendingCount;
    private volatile bool _overflowed;
    private volatile bool _reliable;
    private volatile TaskCompletionSource<Guid>? _probe;
    public override bool IsReliable => _reliable;

    public override async ValueTask PublishAsync(AuthorizationChange change, CancellationToken cancellationToken)
    {
        Deliver(change);
        if (!await TrySendAsync((int)change.Kind, change.Id, cancellationToken).ConfigureAwait(false))
        {
            Defer(change);
        }
    }

    /// <summary>Listens, proves the subscription with a probe, replays nothing but drops every cache, and keeps it up until stopped.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 5 }.ConnectionString);
                listener.Notification += OnNotification;
                await listener.OpenAsync(stoppingToken).ConfigureAwait(false);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                await BecomeReliableAsync(listener, stoppingToken).ConfigureAwait(false);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await FlushPendingAsync(stoppingToken).ConfigureAwait(false);
                    // Wakes for each notification; at least every few seconds to notice a dead connection (keepalive).
                    if (!await listener.WaitAsync(HealthInterval, stoppingToken).ConfigureAwait(false))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", listener);
                        await ping.ExecuteScalarAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                MarkUnreliable(e.GetType().Name);
            }

            try
            {
                await Task.Delay(RetryInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _reliable = false;
    }

    private async Task BecomeReliableAsync(NpgsqlConnection listener, CancellationToken cancellationToken)
    {
        var probe = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        _probe = probe;
        var id = Guid.CreateVersion7();
        if (!await TrySendAsync(ProbeKind, id, cancellationToken).ConfigureAwait(false))
        {
            throw new TimeoutException("the probe notification could not be sent");
        }

        // Notifications arrive while the connection reads: wait on it until the probe has come back.
        var deadline = time.GetUtcNow() + ProbeTimeout;
        while (!probe.Task.IsCompleted || probe.Task.Result != id)
        {
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("the probe notification did not come back");
            }

            await listener.WaitAsync(left, cancellationToken).ConfigureAwait(false);
        }

        // Changes may have been missed while not listening: drop every cached entry before trusting caches again.
        Deliver(new AuthorizationChange(AuthorizationChangeKind.Everything, Guid.Empty));
        _reliable = true;
        Log.Reliable(logger, Channel);
    }

    private async Task FlushPendingAsync(CancellationToken cancellationToken)
    {
        if (_overflowed)
        {
            while (_pending.TryDequeue(out _))
            {
                Interlocked.Decrement(ref _pendingCount);
            }

            if (!await TrySendAsync((int)AuthorizationChangeKind.Everything, Guid.Empty, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            _overflowed = false;
        }

        while (_pending.TryDequeue(out var change))
        {
            Interlocked.Decrement(ref _pendingCount);
            if (!await TrySendAsync((int)change.Kind, change.Id, cancellationToken).ConfigureAwait(false))
            {
                Defer(change);
                return;
            }
        }
    }

    private async Task<bool> TrySendAsync(int kind, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("payload", Encode(kind, id));
            await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            Log.SendFailed(logger, (AuthorizationChangeKind)kind, e);
            return false;
        }
    }

    private void Defer(AuthorizationChange change)
    {
        if (Interlocked.Increment(ref _pendingCount) > MaxPending)
        {
            Interlocked.Decrement(ref _pendingCount);
            _overflowed = true;
        }
        else
        {
            _pending.Enqueue(change);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (!string.Equals(e.Channel, Channel, StringComparison.Ordinal) || !TryDecode(e.Payload, out var kind, out var id, out var instance))
        {
            return;
        }

        if (string.Equals(instance, _instanceId, StringComparison.Ordinal))
        {
            if (kind == ProbeKind)
            {
                _probe?.TrySetResult(id);
            }

            return;
        }

        if (kind != ProbeKind)
        {
            Deliver(new AuthorizationChange((AuthorizationChangeKind)kind, id));
        }
    }

    private void MarkUnreliable(string reason)
    {
        if (_reliable)
        {
            _reliable = false;
            Log.Unreliable(logger, Channel, reason);
        }
    }

    private const int ProbeKind = 0;

    private string Encode(int kind, Guid id) => string.Create(CultureInfo.InvariantCulture, $"{kind}|{id:N}|{_instanceId}");

    private static bool TryDecode(string? text, out int kind, out Guid id, out string instance)
    {
        kind = 0;
        id = Guid.Empty;
        instance = "";
        var parts = text is { Length: <= 128 } ? text.Split('|') : [];
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out kind)
            || !Guid.TryParseExact(parts[1], "N", out id) || parts[2].Length == 0)
        {
            return false;
        }

        instance = parts[2];
        return kind == ProbeKind || Enum.IsDefined((AuthorizationChangeKind)kind);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "The PostgreSQL change feed ({Channel}) is listening; caches are trusted again")]
        public static partial void Reliable(ILogger logger, string channel);

        [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "The PostgreSQL change feed ({Channel}) lost its connection ({Reason}); caches read the database until it is back")]
        public static partial void Unreliable(ILogger logger, string channel, string reason);

        [LoggerMessage(EventId = 5303, Level = LogLevel.Debug, Message = "A {Kind} change could not be sent over PostgreSQL; it is retried")]
        public static partial void SendFailed(ILogger logger, AuthorizationChangeKind kind, Exception exception);
    }
}
