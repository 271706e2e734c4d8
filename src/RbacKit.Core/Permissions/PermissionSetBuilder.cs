namespace RbacKit.Permissions;

/// <summary>Accumulates permissions into a <see cref="PermissionSet"/>.</summary>
internal sealed class PermissionSetBuilder
{
    private readonly ulong[] _bits;

    /// <summary>Creates a builder for a catalog of <paramref name="capacity"/> permissions.</summary>
    public PermissionSetBuilder(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _bits = new ulong[(capacity + 63) >> 6];
    }

    /// <summary>Adds one permission.</summary>
    public PermissionSetBuilder Add(PermissionId permission)
    {
        _bits[permission.Value >> 6] |= 1UL << permission.Value;
        return this;
    }

    /// <summary>Adds every permission of <paramref name="set"/>.</summary>
    public PermissionSetBuilder UnionWith(PermissionSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var words = set.Words;
        for (var i = 0; i < words.Length && i < _bits.Length; i++)
        {
            _bits[i] |= words[i];
        }

        return this;
    }

    /// <summary>The set built so far (a copy; the builder stays usable).</summary>
    public PermissionSet Build() => new((ulong[])_bits.Clone());
}
