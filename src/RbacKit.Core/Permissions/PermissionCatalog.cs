using System.Collections.Frozen;
using RbacKit.Domain;

namespace RbacKit.Permissions;

/// <summary>
/// The permissions a host declares in code, each interned to a <see cref="PermissionId"/>. Immutable once built;
/// expands grant patterns (<c>*</c>, <c>resource:*</c>) into <see cref="PermissionSet"/>s.
/// </summary>
public sealed class PermissionCatalog
{
    private readonly FrozenDictionary<string, PermissionId> _ids;
    private readonly FrozenDictionary<string, PermissionSet> _patterns;
    private readonly PermissionDefinition[] _definitions;

    /// <summary>Builds a catalog. Names must be unique and valid (<see cref="PermissionName.IsValidName"/>).</summary>
    public PermissionCatalog(IEnumerable<PermissionDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        _definitions = [.. definitions.OrderBy(d => d.Name, StringComparer.Ordinal)];
        var ids = new Dictionary<string, PermissionId>(StringComparer.Ordinal);
        foreach (var definition in _definitions)
        {
            if (!PermissionName.IsValidName(definition.Name))
            {
                throw new ArgumentException($"'{definition.Name}' is not a valid permission name; use lower-case 'resource:action'.", nameof(definitions));
            }

            if (!ids.TryAdd(definition.Name, new PermissionId(ids.Count)))
            {
                throw new ArgumentException($"The permission '{definition.Name}' is declared twice.", nameof(definitions));
            }
        }

        _ids = ids.ToFrozenDictionary(StringComparer.Ordinal);
        var patterns = new Dictionary<string, PermissionSet>(StringComparer.Ordinal);
        var all = new PermissionSetBuilder(ids.Count);
        foreach (var (name, id) in ids)
        {
            all.Add(id);
            patterns[name] = new PermissionSetBuilder(ids.Count).Add(id).Build();
            var wildcard = string.Concat(name.AsSpan(0, name.IndexOf(':', StringComparison.Ordinal) + 1), "*");
            if (!patterns.ContainsKey(wildcard))
            {
                var builder = new PermissionSetBuilder(ids.Count);
                foreach (var (other, otherId) in ids)
                {
                    if (PermissionName.Matches(wildcard, other))
                    {
                        builder.Add(otherId);
                    }
                }

                patterns[wildcard] = builder.Build();
            }
        }

        patterns[PermissionName.All] = all.Build();
        _patterns = patterns.ToFrozenDictionary(StringComparer.Ordinal);
        All = _patterns[PermissionName.All];
    }

    /// <summary>The number of permissions.</summary>
    public int Count => _definitions.Length;

    /// <summary>Every permission, ordered by name.</summary>
    public IReadOnlyList<PermissionDefinition> Definitions => _definitions;

    /// <summary>A set holding every permission.</summary>
    public PermissionSet All { get; }

    /// <summary>The id of a permission name.</summary>
    public bool TryGetId(string name, out PermissionId id) => _ids.TryGetValue(name, out id);

    /// <summary>The id of a permission name; throws with a clear message for a name not in the catalog.</summary>
    public PermissionId GetId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _ids.TryGetValue(name, out var id)
            ? id
            : throw new InvalidOperationException($"The permission '{name}' is not in the RbacKit permission catalog. Declare it with options.Permissions.Add(\"{name}\", \"...\").");
    }

    /// <summary>The name of an id.</summary>
    public string GetName(PermissionId id) => _definitions[id.Value].Name;

    /// <summary>
    /// The permissions a grant pattern covers; <see langword="false"/> when the pattern matches nothing in the catalog
    /// (for example a permission that was removed from code).
    /// </summary>
    public bool TryExpand(string pattern, out PermissionSet set)
    {
        if (_patterns.TryGetValue(pattern, out var found))
        {
            set = found;
            return true;
        }

        set = PermissionSet.Empty;
        return false;
    }

    /// <summary>The union of what the given patterns grant; unknown patterns grant nothing.</summary>
    public PermissionSet Expand(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var builder = new PermissionSetBuilder(Count);
        foreach (var pattern in patterns)
        {
            // A concrete name sets one bit; only wildcards OR a whole precomputed set.
            if (_ids.TryGetValue(pattern, out var id))
            {
                builder.Add(id);
            }
            else if (_patterns.TryGetValue(pattern, out var set))
            {
                builder.UnionWith(set);
            }
        }

        return builder.Build();
    }

    /// <summary>The names in <paramref name="set"/>, ordered.</summary>
    public IReadOnlyList<string> GetNames(PermissionSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return [.. set.Ids.Select(GetName)];
    }
}
