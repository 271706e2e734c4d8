using RbacKit.Permissions;

namespace CinemaAuthHost.Pages.Admin;

/// <summary>One checkbox of a permission list: a catalog name or a wildcard a role or client already holds.</summary>
/// <param name="Name">The permission name or wildcard.</param>
/// <param name="Description">What it allows.</param>
/// <param name="Selected">Whether it is ticked.</param>
public sealed record PermissionChoice(string Name, string? Description, bool Selected)
{
    /// <summary>The catalog, plus any wildcard in <paramref name="selected"/>, with <paramref name="selected"/> ticked.</summary>
    public static IReadOnlyList<PermissionChoice> From(PermissionCatalog catalog, IEnumerable<string>? selected)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var ticked = (selected ?? []).ToHashSet(StringComparer.Ordinal);
        var names = catalog.Definitions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. ticked.Where(p => !names.Contains(p)).Order(StringComparer.Ordinal)
                .Select(p => new PermissionChoice(p, p == "*" ? "Every permission." : $"Every permission matching {p}.", true)),
            .. catalog.Definitions.OrderBy(d => d.Name, StringComparer.Ordinal)
                .Select(d => new PermissionChoice(d.Name, d.Description, ticked.Contains(d.Name))),
        ];
    }
}

/// <summary>A list of permission checkboxes with ids unique on the page.</summary>
/// <param name="Prefix">The id prefix.</param>
/// <param name="Choices">The checkboxes.</param>
public sealed record PermissionFieldset(string Prefix, IReadOnlyList<PermissionChoice> Choices);
