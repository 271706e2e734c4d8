using System.Security.Cryptography;

namespace RbacKit.Tokens;

/// <summary>
/// Keyed HMAC-SHA256 instances for one secret, reused through a small lock-free pool: the one-shot API sets the key up in
/// OpenSSL on every call, which costs about as much as hashing a token.
/// </summary>
internal sealed class HmacPool(byte[] secret)
{
    private readonly IncrementalHash?[] _pool = new IncrementalHash?[Math.Max(4, Environment.ProcessorCount * 2)];

    /// <summary>Writes the 32-byte MAC of <paramref name="data"/> to <paramref name="destination"/>.</summary>
    public void Compute(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var start = Environment.CurrentManagedThreadId;
        var hmac = Rent(start) ?? IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        try
        {
            hmac.AppendData(data);
            hmac.GetHashAndReset(destination);
        }
        catch
        {
            hmac.Dispose();
            throw;
        }

        Return(start, hmac);
    }

    private IncrementalHash? Rent(int start)
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.Exchange(ref _pool[(start + i) % _pool.Length], null) is { } pooled)
            {
                return pooled;
            }
        }

        return null;
    }

    private void Return(int start, IncrementalHash hmac)
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _pool[(start + i) % _pool.Length], hmac, null) is null)
            {
                return;
            }
        }

        hmac.Dispose();
    }
}
