using Microsoft.AspNetCore.Authorization;

namespace RbacKit.AspNetCore;

/// <summary>Requires at least one of the listed permissions. Unknown names stop the application at start-up.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequireAnyPermissionAttribute : Attribute, IAuthorizationRequirementData
{
    private readonly PermissionRequirement _requirement;

    /// <summary>Requires one of <paramref name="permissions"/>.</summary>
    public RequireAnyPermissionAttribute(params string[] permissions)
    {
        _requirement = new PermissionRequirement(permissions ?? [], requireAll: false);
    }

    /// <summary>The permission names, any one of which suffices.</summary>
    public IReadOnlyList<string> Permissions => _requirement.Permissions;

    /// <inheritdoc />
    public IEnumerable<IAuthorizationRequirement> GetRequirements()
    {
        yield return _requirement;
    }
}
