using System.Threading.Channels;

namespace RbacKit.AspNetCore;

/// <summary>
/// The hand-off between <c>POST /auth/forgot-password</c> / <c>/auth/resend-confirmation</c> and
/// <see cref="RecoveryRequestWorker"/>: the handler answers 202 once the request is queued, so the answer's timing is
/// the same whether or not an account has the address (the lookup, the token and the mail happen later, in the
/// worker). Bounded: when it is full the handler answers 503 with <c>Retry-After</c>, for every address alike.
/// </summary>
internal sealed class RecoveryRequestQueue
{
    /// <summary>Requests held at most; a burst beyond it waits for the worker rather than growing memory.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<RecoveryRequest> _channel;
    private int _outstanding;
    private int _full;

    public RecoveryRequestQueue()
        : this(Capacity)
    {
    }

    internal RecoveryRequestQueue(int capacity) =>
        _channel = Channel.CreateBounded<RecoveryRequest>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });

    /// <summary>Queues <paramref name="request"/>; false when the queue is full or closed.</summary>
    public bool TryEnqueue(RecoveryRequest request)
    {
        Interlocked.Increment(ref _outstanding);
        if (_channel.Writer.TryWrite(request))
        {
            Volatile.Write(ref _full, 0);
            return true;
        }

        Interlocked.Decrement(ref _outstanding);
        return false;
    }

    /// <summary>After a refused <see cref="TryEnqueue"/>: true only for the first refusal since the last accepted request (log once per streak).</summary>
    public bool StartsFullStreak() => Interlocked.Exchange(ref _full, 1) == 0;

    /// <summary>Requests accepted and not yet finished by the worker (queued or running).</summary>
    internal int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>The worker finished one request (run, refused or failed).</summary>
    internal void Finished() => Interlocked.Decrement(ref _outstanding);

    internal ChannelReader<RecoveryRequest> Reader => _channel.Reader;

    /// <summary>No more requests are taken; the worker finishes what is queued.</summary>
    internal void Complete() => _channel.Writer.TryComplete();
}
