using System.Text.RegularExpressions;

namespace RbacKit.Permissions;

/// <summary>Rules for permission names (<c>resource:action</c>) and grant patterns (<c>*</c>, <c>resource:*</c>).</summary>
public static partial class PermissionName
{
    /// <summary>The wildcard that grants every permission.</summary>
    public const string All = "*";

    /// <summary>Whether <paramref name="name"/> is a concrete permission name: lower-case <c>resource:action</c>.</summary>
    public static bool IsValidName(string? name) => name is { Length: <= 100 } && NameRegex().IsMatch(name);

    /// <summary>Whether <paramref name="pattern"/> is a name, <c>*</c> or <c>resource:*</c>.</summary>
    public static bool IsValidPattern(string? pattern) =>
        pattern == All || IsValidName(pattern) || (pattern is { Length: <= 100 } && ResourceWildcardRegex().IsMatch(pattern));

    /// <summary>Whether the grant <paramref name="pattern"/> covers the permission <paramref name="name"/>.</summary>
    public static bool Matches(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        if (pattern == All || string.Equals(pattern, name, StringComparison.Ordinal))
        {
            return true;
        }

        return pattern.EndsWith(":*", StringComparison.Ordinal)
            && name.Length > pattern.Length - 1
            && name.AsSpan().StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]*:[a-z0-9][a-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]*:\\*$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceWildcardRegex();
}
