using RbacKit.Caching;

namespace RbacKit.Core.Tests;

/// <summary>The one bounded-cache type (src/Shared/BoundedCache.cs) every RbacKit cache is built on.</summary>
public sealed class BoundedCacheTests
{
    [Fact]
    public void An_add_to_a_full_cache_starts_it_over_so_it_never_holds_more_than_its_capacity()
    {
        var cache = new BoundedCache<int, string>(3);
        for (var i = 0; i < 10; i++)
        {
            cache.Set(i, $"v{i}");
            Assert.InRange(cache.Count, 1, 3);
        }

        Assert.True(cache.TryGetValue(9, out var newest));
        Assert.Equal("v9", newest);
        Assert.False(cache.TryGetValue(0, out _));
        Assert.Equal(Enumerable.Range(0, 10).Count(i => cache.TryGetValue(i, out _)), cache.Count);
    }

    [Fact]
    public void Replacing_an_entry_does_not_count_it_twice_and_removing_frees_its_place()
    {
        var cache = new BoundedCache<string, int>(2, StringComparer.Ordinal);
        cache.Set("a", 1);
        cache.Set("a", 2);
        Assert.Equal(1, cache.Count);
        Assert.False(cache.TryAdd("a", 3));
        Assert.True(cache.TryGetValue("a", out var value));
        Assert.Equal(2, value);

        Assert.True(cache.Remove("a"));
        Assert.False(cache.Remove("a"));
        cache.Set("b", 1);
        cache.Set("c", 1);
        Assert.True(cache.TryGetValue("b", out _)); // two entries fit: "a" left no ghost behind
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_zero_capacity_keeps_nothing()
    {
        var cache = new BoundedCache<int, int>(0);
        cache.Set(1, 1);
        var strings = new BoundedCache<string, int>(0, StringComparer.Ordinal);
        Assert.False(strings.GetAlternateLookup<ReadOnlySpan<char>>().TryAdd("a".AsSpan(), 1));
        Assert.False(strings.TryGetValue("a", out _));
        Assert.False(cache.TryAdd(2, 2));
        Assert.False(cache.TryGetValue(1, out _));
        Assert.Equal(0, cache.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedCache<int, int>(-1));
    }

    [Fact]
    public void The_span_lookup_finds_and_adds_entries_under_the_same_bound()
    {
        var cache = new BoundedCache<string, int>(2, StringComparer.Ordinal);
        var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        Assert.True(lookup.TryAdd("alpha".AsSpan(), 1));
        Assert.False(lookup.TryAdd("alpha".AsSpan(), 9));
        Assert.True(lookup.TryGetValue("alpha".AsSpan(), out var key, out var value));
        Assert.Equal(("alpha", 1), (key, value));
        Assert.True(cache.TryGetValue("alpha", out _));

        lookup.TryAdd("beta".AsSpan(), 2);
        lookup.TryAdd("gamma".AsSpan(), 3); // full: starts over
        Assert.False(lookup.TryGetValue("alpha".AsSpan(), out _));
        Assert.True(lookup.TryGetValue("gamma".AsSpan(), out _));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void RemoveWhere_drops_only_the_matching_entries()
    {
        var cache = new BoundedCache<int, int>(10);
        for (var i = 0; i < 6; i++)
        {
            cache.Set(i, i * 10);
        }

        cache.RemoveWhere((key, value) => key % 2 == 0 && value >= 20);
        Assert.Equal([0, 1, 3, 5], Enumerable.Range(0, 6).Where(i => cache.TryGetValue(i, out _)));
        Assert.Equal(4, cache.Count);
    }

    [Fact]
    public async Task Concurrent_adds_keep_the_count_near_the_entries_and_within_the_bound()
    {
        var cache = new BoundedCache<int, int>(64);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                cache.Set((t * 20_000) + i, i);
            }
        })));

        var held = Enumerable.Range(0, 80_000).Count(i => cache.TryGetValue(i, out _));
        Assert.InRange(held, 1, 64 + 4); // at most one extra per thread adding at the instant of a reset
    }
}
