using Microsoft.AspNetCore.Authorization;

namespace RbacKit.AspNetCore;

/// <summary>
/// Requires every listed permission. Repeat the attribute to require more: all are needed. Unknown names stop the
/// application at start-up with a message naming the permission and the endpoint.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequirePermissionAttribute : Attribute, IAuthorizeData, IAuthorizationRequirementData
{
    private readonly PermissionRequirement _requirement;

    /// <summary>Requires <paramref name="permissions"/> (all of them).</summary>
    public RequirePermissionAttribute(params string[] permissions)
    {
        _requirement = new PermissionRequirement(permissions ?? [], requireAll: true);
    }

    /// <summary>The required permission names.</summary>
    public IReadOnlyList<string> Permissions => _requirement.Permissions;

    /// <summary>The schemes that authenticate the caller. Default <c>RbacKit</c>, whatever the application's default scheme.</summary>
    public string? AuthenticationSchemes { get; set; } = RbacKitAuthenticationDefaults.AuthenticationScheme;

    string? IAuthorizeData.Policy { get; set; }

    string? IAuthorizeData.Roles { get; set; }

    /// <inheritdoc />
    public IEnumerable<IAuthorizationRequirement> GetRequirements()
    {
        yield return _requirement;
    }
}
