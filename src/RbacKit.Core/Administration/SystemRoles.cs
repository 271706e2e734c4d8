using RbacKit.Domain;

namespace RbacKit.Administration;

/// <summary>Recognizes the superadmin role.</summary>
internal static class SystemRoles
{
    private static readonly string SuperadminKey = Normalizer.NormalizeKey(RoleDefinitionCollection.Superadmin);

    public static bool IsSuperadmin(Role role) => string.Equals(role.NormalizedName, SuperadminKey, StringComparison.Ordinal);
}
