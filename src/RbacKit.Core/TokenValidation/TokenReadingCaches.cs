
namespace RbacKit.TokenValidation;

/// <summary>
/// The sizes of the validator's reading caches (encoded headers, claim lists) and whether keyed HMAC instances are pooled. Production uses <see cref="Default"/>; the paired benchmark turns each off in turn to show what
/// it buys (benchmarks/results/paired-token-pools.md).
/// </summary>
internal sealed record TokenReadingCaches(int Headers, int ClaimLists, bool PooledHmac)
{
    public static TokenReadingCaches Default { get; } = new(KnownHeaders.DefaultCapacity, 1024, PooledHmac: true);
}
