using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace RbacKit.Caching;

/// <summary>
/// The one bounded in-process cache of the RbacKit packages (compiled into RbacKit.Core; RbacKit.AspNetCore uses it
/// through InternalsVisibleTo). At most <c>capacity</c> entries: an add that finds it full empties it first, so memory stays bounded whatever arrives and the
/// price of a reset is one miss per live key. There is no bookkeeping on a hit (no recency list, no clock), so a hit is a
/// dictionary lookup and allocates nothing; alternate lookups (by span) are offered for the same reason. A capacity of 0
/// turns the cache off: nothing is kept and every lookup misses. The count is kept with interlocked operations beside the
/// dictionary (its own <c>Count</c> takes every lock), so under concurrent adds the bound holds within the number of
/// threads adding at that instant.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
internal sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries;
    private int _count;

    public BoundedCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _entries = new ConcurrentDictionary<TKey, TValue>(comparer);
    }

    /// <summary>The most entries kept.</summary>
    public int Capacity { get; }

    /// <summary>About how many entries are kept now.</summary>
    public int Count => Math.Max(0, Volatile.Read(ref _count));

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    /// <summary>Adds or replaces the entry of <paramref name="key"/>, emptying the cache first when it is full.</summary>
    public void Set(TKey key, TValue value)
    {
        if (Capacity == 0)
        {
            return;
        }

        MakeRoom();
        if (_entries.TryAdd(key, value))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _entries[key] = value;
        }
    }

    /// <summary>Adds the entry unless the key is there; false when it was (the kept value stays).</summary>
    public bool TryAdd(TKey key, TValue value)
    {
        if (Capacity == 0)
        {
            return false;
        }

        MakeRoom();
        if (!_entries.TryAdd(key, value))
        {
            return false;
        }

        Interlocked.Increment(ref _count);
        return true;
    }

    public bool Remove(TKey key)
    {
        if (!_entries.TryRemove(key, out _))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }

    /// <summary>Removes every entry whose key and value match <paramref name="predicate"/>.</summary>
    public void RemoveWhere(Func<TKey, TValue, bool> predicate)
    {
        foreach (var (key, value) in _entries)
        {
            if (predicate(key, value) && _entries.TryRemove(new KeyValuePair<TKey, TValue>(key, value)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    public void Clear()
    {
        _entries.Clear();
        Volatile.Write(ref _count, 0);
    }

    /// <summary>A view that looks keys up (and adds them) by <typeparamref name="TAlternate"/>, allocating nothing on a hit.</summary>
    public Alternate<TAlternate> GetAlternateLookup<TAlternate>()
        where TAlternate : notnull, allows ref struct =>
        new(this, _entries.GetAlternateLookup<TAlternate>());

    private void MakeRoom()
    {
        if (Volatile.Read(ref _count) >= Capacity)
        {
            Clear();
        }
    }

    /// <summary>The alternate-key view of a <see cref="BoundedCache{TKey, TValue}"/>.</summary>
    /// <typeparam name="TAlternate">The alternate key type (for example <see cref="ReadOnlySpan{T}"/> of <see cref="char"/>).</typeparam>
    internal readonly struct Alternate<TAlternate>
        where TAlternate : notnull, allows ref struct
    {
        private readonly BoundedCache<TKey, TValue> _cache;
        private readonly ConcurrentDictionary<TKey, TValue>.AlternateLookup<TAlternate> _lookup;

        internal Alternate(BoundedCache<TKey, TValue> cache, ConcurrentDictionary<TKey, TValue>.AlternateLookup<TAlternate> lookup)
        {
            _cache = cache;
            _lookup = lookup;
        }

        public bool TryGetValue(TAlternate key, [MaybeNullWhen(false)] out TValue value) => _lookup.TryGetValue(key, out value);

        public bool TryGetValue(TAlternate key, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value) =>
            _lookup.TryGetValue(key, out actualKey, out value);

        /// <summary>Adds the entry unless the key is there, emptying the cache first when it is full.</summary>
        public bool TryAdd(TAlternate key, TValue value)
        {
            if (_cache.Capacity == 0)
            {
                return false;
            }

            _cache.MakeRoom();
            if (!_lookup.TryAdd(key, value))
            {
                return false;
            }

            Interlocked.Increment(ref _cache._count);
            return true;
        }
    }
}
