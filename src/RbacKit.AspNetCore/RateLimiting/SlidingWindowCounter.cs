namespace RbacKit.AspNetCore;

/// <summary>
/// A sliding-window limit for many partitions, timed by <see cref="TimeProvider"/>: the window is split into segments
/// aligned to the clock (segment = floor(now / segment length)), each counting its permits. A refusal knows exactly
/// when the oldest counted segment leaves the window, so the advertised wait is the time left, not the full window.
/// </summary>
internal sealed class SlidingWindowCounter
{
    private const int PruneEvery = 1024;

    private readonly Dictionary<string, Partition> _partitions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly int _segments;
    private readonly long _segmentTicks;
    private int _sincePrune;

    public SlidingWindowCounter(int permitLimit, TimeSpan window, int segmentsPerWindow, TimeProvider time)
    {
        _limit = permitLimit;
        _segments = Math.Max(1, segmentsPerWindow);
        _segmentTicks = Math.Max(1, window.Ticks / _segments);
        _time = time;
    }

    /// <summary>Takes one permit for <paramref name="key"/>; null when granted, else the time until one is free again.</summary>
    public TimeSpan? TryAcquire(string key)
    {
        var nowTicks = _time.GetUtcNow().UtcTicks;
        var current = nowTicks / _segmentTicks;
        lock (_gate)
        {
            if (++_sincePrune >= PruneEvery)
            {
                Prune(current);
            }

            if (!_partitions.TryGetValue(key, out var partition))
            {
                partition = new Partition(_segments, current);
                _partitions.Add(key, partition);
            }

            partition.Advance(current);
            if (partition.Total < _limit)
            {
                partition.Add(current);
                return null;
            }

            var oldest = partition.OldestCounted(current);
            return TimeSpan.FromTicks(((oldest + _segments) * _segmentTicks) - nowTicks);
        }
    }

    private void Prune(long current)
    {
        _sincePrune = 0;
        List<string>? idle = null;
        foreach (var (key, partition) in _partitions)
        {
            if (partition.Segment <= current - _segments)
            {
                (idle ??= []).Add(key);
            }
        }

        foreach (var key in idle ?? [])
        {
            _partitions.Remove(key);
        }
    }

    private sealed class Partition(int segments, long segment)
    {
        private readonly int[] _counts = new int[segments];

        /// <summary>The newest segment this partition has seen.</summary>
        public long Segment { get; private set; } = segment;

        public int Total { get; private set; }

        /// <summary>Drops the segments that left the window ending in <paramref name="current"/>.</summary>
        public void Advance(long current)
        {
            if (current <= Segment)
            {
                return;
            }

            var steps = Math.Min(current - Segment, _counts.Length);
            for (var i = 1; i <= steps; i++)
            {
                var slot = Slot(Segment + i);
                Total -= _counts[slot];
                _counts[slot] = 0;
            }

            Segment = current;
        }

        public void Add(long current)
        {
            _counts[Slot(current)]++;
            Total++;
        }

        /// <summary>The oldest segment inside the window that holds a permit.</summary>
        public long OldestCounted(long current)
        {
            for (var s = current - _counts.Length + 1; s < current; s++)
            {
                if (_counts[Slot(s)] > 0)
                {
                    return s;
                }
            }

            return current;
        }

        private int Slot(long segment) => (int)(segment % _counts.Length);
    }
}
