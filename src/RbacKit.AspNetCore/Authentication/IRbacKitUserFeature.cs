using RbacKit.Permissions;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>
/// The authenticated RbacKit caller of a request, set on <c>HttpContext.Features</c> by the bearer scheme. A permission
/// check is a bit test on <see cref="Permissions"/>: no allocation, no lookup.
/// </summary>
public interface IRbacKitUserFeature
{
    /// <summary>The user (<c>sub</c>).</summary>
    Guid UserId { get; }

    /// <summary>The session (<c>sid</c>).</summary>
    Guid SessionId { get; }

    /// <summary>The caller's effective permissions.</summary>
    PermissionSet Permissions { get; }

    /// <summary>The caller's role names.</summary>
    IReadOnlyList<string> Roles { get; }

    /// <summary>The validated access token.</summary>
    ValidatedAccessToken Token { get; }
}
