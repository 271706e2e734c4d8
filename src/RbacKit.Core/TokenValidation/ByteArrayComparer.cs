using System.Numerics;
using System.Runtime.InteropServices;

namespace RbacKit.TokenValidation;

/// <summary>
/// Content equality for <c>byte[]</c> keys that can also be looked up by a <see cref="ReadOnlySpan{T}"/>, so a hit
/// allocates nothing. The hash is <see cref="HashCode"/>'s, randomized per process (no chosen-collision flooding).
/// </summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly ByteArrayComparer Instance = new();

    private ByteArrayComparer()
    {
    }

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    /// <summary>
    /// All of the bytes, eight at a time (multiply and rotate), then <see cref="HashCode.Combine{T1, T2}"/> with the length
    /// for the per-process seed: several times cheaper than <see cref="HashCode.AddBytes"/>, which mixes four bytes per
    /// step. Not collision-resistant against chosen input, which costs nothing here: both caches keyed by this are fed
    /// only from tokens whose signature verified, and bounded, so a colliding lookup can only meet issued entries; equality
    /// is always the full comparison.
    /// </summary>
    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Prime = 0x9E3779B97F4A7C15;
        var hash = 0UL;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words)
        {
            hash = BitOperations.RotateLeft((hash ^ word) * Prime, 31);
        }

        var tail = 0UL;
        for (var i = words.Length * sizeof(ulong); i < bytes.Length; i++)
        {
            tail = (tail << 8) | bytes[i];
        }

        hash = BitOperations.RotateLeft((hash ^ tail) * Prime, 31);
        return HashCode.Combine(hash, bytes.Length);
    }
}
