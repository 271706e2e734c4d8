using System.Security.Claims;
using RbacKit.Permissions;

namespace Microsoft.AspNetCore.Http;

/// <summary>
/// Permission checks on a <see cref="ClaimsPrincipal"/> authenticated by RbacKit (<c>User.HasPermission("movies:write")</c>).
/// In <c>Microsoft.AspNetCore.Http</c>, so web projects (controllers, minimal APIs, hubs, Razor pages) need no extra using.
/// </summary>
public static class ClaimsPrincipalPermissionExtensions
{
    /// <summary>
    /// Whether an RbacKit identity of <paramref name="principal"/> holds <paramref name="permission"/>. A principal
    /// without an RbacKit identity (anonymous, or another scheme) holds nothing; an unknown name is never held.
    /// </summary>
    public static bool HasPermission(this ClaimsPrincipal principal, string permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        return principal.GetRbacKitIdentity() is { } identity && identity.HasPermission(permission);
    }

    /// <summary>The caller's effective permissions, or <see cref="PermissionSet.Empty"/> without an RbacKit identity.</summary>
    public static PermissionSet GetPermissions(this ClaimsPrincipal principal) =>
        principal.GetRbacKitIdentity()?.Permissions ?? PermissionSet.Empty;

    /// <summary>The first authenticated <see cref="RbacKitIdentity"/> of <paramref name="principal"/>, or <see langword="null"/>. Allocates nothing.</summary>
    public static RbacKitIdentity? GetRbacKitIdentity(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        // ClaimsPrincipal keeps its identities in a List: index it rather than box an enumerator (Identity would).
        if (principal.Identities is IReadOnlyList<ClaimsIdentity> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is RbacKitIdentity { IsAuthenticated: true } identity)
                {
                    return identity;
                }
            }

            return null;
        }

        foreach (var identity in principal.Identities)
        {
            if (identity is RbacKitIdentity { IsAuthenticated: true } found)
            {
                return found;
            }
        }

        return null;
    }
}
