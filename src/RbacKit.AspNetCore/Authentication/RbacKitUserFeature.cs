using RbacKit.Permissions;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

internal sealed class RbacKitUserFeature(ValidatedAccessToken token, PermissionSet permissions, IReadOnlyList<string> roles) : IRbacKitUserFeature
{
    public Guid UserId => Token.UserId;

    public Guid SessionId => Token.SessionId;

    public PermissionSet Permissions { get; } = permissions;

    public IReadOnlyList<string> Roles { get; } = roles;

    public ValidatedAccessToken Token { get; } = token;
}
