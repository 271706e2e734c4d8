using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RbacKit.Caching;
using StackExchange.Redis;

namespace RbacKit.AspNetCore;

/// <summary>
/// Carries authorization changes between instances through Redis pub/sub. A change is delivered locally at once and
/// published to the channel; remote changes are delivered locally, this instance's own echoes skipped.
/// <see cref="IsReliable"/> is true only after a probe sent to the channel came back through this instance's own
/// subscription, and false from the moment the subscription connection fails: Core's caches then read the store on
/// every request. On becoming reliable (again) <see cref="AuthorizationChangeKind.Everything"/> is delivered locally,
/// because changes may have been missed, after the journal of recent changes (see <see cref="IChangeJournal"/>) has been
/// replayed. A failed publish never fails the caller: it is logged and retried later.
/// </summary>
internal sealed partial class RedisChangeFeed : AuthorizationChangeFeed, IDisposable
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(5);
    private readonly RedisConnection _connection;
    private readonly RbacKitRedisOptions _options;
    private readonly RedisChannel _channel;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisChangeFeed> _logger;
    private readonly string _instanceId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private readonly ConcurrentQueue<AuthorizationChange> _pending = new();
    private readonly SemaphoreSlim _wake = new(0);
    private int _pendingCount;
    private volatile bool _overflowed;
    private volatile bool _reliable;
    private volatile ISubscriber? _subscriber;
    private volatile Probe? _probe;
    private int _generation;
    private int _failedProbes;

    public RedisChangeFeed(RedisConnection connection, IOptions<RbacKitRedisOptions> options, TimeProvider time, ILogger<RedisChangeFeed> logger)
    {
        _connection = connection;
        _options = options.Value;
        _channel = RedisChannel.Literal(_options.Channel);
        _time = time;
        _logger = logger;
    }

    public override bool IsReliable => _reliable;

    public override async ValueTask PublishAsync(AuthorizationChange change, CancellationToken cancellationToken)
    {
        Deliver(change);
        // Before RunAsync has subscribed (or in a process that never runs it, such as an operator command) publish
        // through the connection directly: other instances must hear of the change now, not when this one subscribes.
        var subscriber = _subscriber ?? await TryGetPublisherAsync().ConfigureAwait(false);
        if (subscriber is null || !subscriber.Multiplexer.IsConnected || !await TrySendAsync(subscriber, (int)change.Kind, change.Id).ConfigureAwait(false))
        {
            Defer(change);
        }
    }

    private async Task<ISubscriber?> TryGetPublisherAsync()
    {
        try
        {
            return (await _connection.GetAsync().WaitAsync(SendTimeout, _time).ConfigureAwait(false)).GetSubscriber();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Connects, subscribes and keeps the feed's reliability up to date until <paramref name="stoppingToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var multiplexer = await _connection.GetAsync().WaitAsync(stoppingToken).ConfigureAwait(false);
        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        var subscriber = multiplexer.GetSubscriber();
        await SubscribeAsync(subscriber).ConfigureAwait(false);
        _subscriber = subscriber;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!_reliable)
                    {
                        await TryBecomeReliableAsync(subscriber, stoppingToken).ConfigureAwait(false);
                    }

                    if (_reliable)
                    {
                        await FlushPendingAsync(subscriber).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    // The next round tries again; meanwhile the feed stays unreliable and caches read the store.
                    MarkUnreliable(ex.GetType().Name);
                }

                await _wake.WaitAsync(_reliable ? HealthInterval : RetryInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _reliable = false;
            multiplexer.ConnectionFailed -= OnConnectionFailed;
            multiplexer.ConnectionRestored -= OnConnectionRestored;
        }
    }

    private async Task SubscribeAsync(ISubscriber subscriber)
    {
        try
        {
            // The handler is registered even when the server cannot be reached; StackExchange.Redis subscribes on connect.
            await subscriber.SubscribeAsync(_channel, OnMessage).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            AspNetCoreLog.SubscribeFailed(_logger, _options.Channel, ex);
        }
    }

    private async Task TryBecomeReliableAsync(ISubscriber subscriber, CancellationToken cancellationToken)
    {
        if (!subscriber.Multiplexer.IsConnected)
        {
            return;
        }

        var generation = Volatile.Read(ref _generation);
        var probe = new Probe(IdGenerator.NewId(_time));
        _probe = probe;
        try
        {
            await subscriber.PublishAsync(_channel, ChangeMessage.Encode(ChangeMessage.ProbeKind, probe.Id, _instanceId))
                .WaitAsync(SendTimeout, _time, cancellationToken).ConfigureAwait(false);
            await probe.Echo.Task.WaitAsync(SendTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            if (++_failedProbes % 5 == 0)
            {
                // Connected, yet our own messages do not come back: subscribe again.
                AspNetCoreLog.ProbeFailed(_logger, _failedProbes);
                await subscriber.UnsubscribeAsync(_channel, OnMessage).ConfigureAwait(false);
                await SubscribeAsync(subscriber).ConfigureAwait(false);
            }

            return;
        }

        _failedProbes = 0;

        // Subscribed now: the journal holds whatever was published before, including before this instance started.
        await ReplayAsync(subscriber.Multiplexer, cancellationToken).ConfigureAwait(false);

        // Changes may have been missed while unsubscribed: drop every cached entry before trusting caches again.
        Deliver(new AuthorizationChange(AuthorizationChangeKind.Everything, Guid.Empty));
        if (Volatile.Read(ref _generation) == generation)
        {
            _reliable = true;
            AspNetCoreLog.Reliable(_logger, _options.Channel);
        }
    }

    private async Task FlushPendingAsync(ISubscriber subscriber)
    {
        if (_overflowed)
        {
            while (_pending.TryDequeue(out _))
            {
                Interlocked.Decrement(ref _pendingCount);
            }

            if (!await TrySendAsync(subscriber, (int)AuthorizationChangeKind.Everything, Guid.Empty).ConfigureAwait(false))
            {
                return;
            }

            _overflowed = false;
        }

        while (_pending.TryDequeue(out var change))
        {
            Interlocked.Decrement(ref _pendingCount);
            if (!await TrySendAsync(subscriber, (int)change.Kind, change.Id).ConfigureAwait(false))
            {
                Defer(change);
                return;
            }
        }
    }

    private async Task<bool> TrySendAsync(ISubscriber subscriber, int kind, Guid id)
    {
        try
        {
            await RecordAsync(subscriber.Multiplexer, kind, id).WaitAsync(SendTimeout, _time).ConfigureAwait(false);
            var receivers = await subscriber.PublishAsync(_channel, ChangeMessage.Encode(kind, id, _instanceId))
                .WaitAsync(SendTimeout, _time).ConfigureAwait(false);
            if (receivers == 0)
            {
                // Not even this instance received it: our subscription is gone.
                MarkUnreliable("no subscriber received a published change");
            }

            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            AspNetCoreLog.PublishFailed(_logger, (AuthorizationChangeKind)kind, ex);
            return false;
        }
    }

    private void Defer(AuthorizationChange change)
    {
        if (Interlocked.Increment(ref _pendingCount) > _options.MaxPendingChanges)
        {
            Interlocked.Decrement(ref _pendingCount);
            _overflowed = true;
        }
        else
        {
            _pending.Enqueue(change);
        }

        AspNetCoreLog.PublishDeferred(_logger, change.Kind);
    }

    private void OnMessage(RedisChannel channel, RedisValue value)
    {
        if (!ChangeMessage.TryDecode(value, out var kind, out var id, out var instance))
        {
            AspNetCoreLog.Malformed(_logger, _options.Channel);
            return;
        }

        if (string.Equals(instance, _instanceId, StringComparison.Ordinal))
        {
            if (kind == ChangeMessage.ProbeKind && _probe is { } probe && probe.Id == id)
            {
                probe.Echo.TrySetResult();
            }

            return;
        }

        if (kind != ChangeMessage.ProbeKind)
        {
            Deliver(new AuthorizationChange((AuthorizationChangeKind)kind, id));
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            MarkUnreliable(e.FailureType.ToString());
        }
    }

    public void Dispose() => _wake.Dispose();

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => Wake();

    private void MarkUnreliable(string reason)
    {
        Interlocked.Increment(ref _generation);
        if (_reliable)
        {
            _reliable = false;
            AspNetCoreLog.Unreliable(_logger, _options.Channel, reason);
        }

        Wake();
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private sealed class Probe(Guid id)
    {
        public Guid Id { get; } = id;

        public TaskCompletionSource Echo { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
