using System.Runtime.CompilerServices;

namespace RbacKit.Permissions;

/// <summary>An immutable bitset of <see cref="PermissionId"/>s. Checks allocate nothing.</summary>
public sealed class PermissionSet
{
    private readonly ulong[] _bits;

    internal PermissionSet(ulong[] bits) => _bits = bits;

    /// <summary>The set with no permissions.</summary>
    public static PermissionSet Empty { get; } = new([]);

    /// <summary>Whether the set holds <paramref name="permission"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(PermissionId permission)
    {
        var index = permission.Value;
        var word = (uint)index >> 6;
        var bits = _bits;
        return word < (uint)bits.Length && (bits[word] & (1UL << index)) != 0;
    }

    /// <summary>Whether the set holds every one of <paramref name="permissions"/>.</summary>
    public bool ContainsAll(ReadOnlySpan<PermissionId> permissions)
    {
        foreach (var permission in permissions)
        {
            if (!Contains(permission))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the set holds at least one of <paramref name="permissions"/>.</summary>
    public bool ContainsAny(ReadOnlySpan<PermissionId> permissions)
    {
        foreach (var permission in permissions)
        {
            if (Contains(permission))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every permission of this set is also in <paramref name="other"/>.</summary>
    public bool IsSubsetOf(PermissionSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _bits.Length; i++)
        {
            var theirs = i < other._bits.Length ? other._bits[i] : 0UL;
            if ((_bits[i] & ~theirs) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the set is empty.</summary>
    public bool IsEmpty => Array.TrueForAll(_bits, static word => word == 0);

    /// <summary>The ids in the set, ascending.</summary>
    public IEnumerable<PermissionId> Ids
    {
        get
        {
            for (var word = 0; word < _bits.Length; word++)
            {
                var bits = _bits[word];
                while (bits != 0)
                {
                    var bit = System.Numerics.BitOperations.TrailingZeroCount(bits);
                    yield return new PermissionId((word << 6) + bit);
                    bits &= bits - 1;
                }
            }
        }
    }

    internal ReadOnlySpan<ulong> Words => _bits;
}
