using Microsoft.AspNetCore.Authorization;

namespace RbacKit.AspNetCore;

/// <summary>Requires at least one of the listed permissions. Unknown names stop the application at start-up.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequireAnyPermissionAttribute : Attribute, IAuthorizeData, IAuthorizationRequirementData
{
    private readonly PermissionRequirement _requirement;

    /// <summary>Requires one of <paramref name="permissions"/>.</summary>
    public RequireAnyPermissionAttribute(params string[] permissions)
    {
        _requirement = new PermissionRequirement(permissions ?? [], requireAll: false);
    }

    /// <summary>The permission names, any one of which suffices.</summary>
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
