namespace RbacKit.AspNetCore;

/// <summary>Names used by RbacKit's bearer authentication.</summary>
public static class RbacKitAuthenticationDefaults
{
    /// <summary>The authentication scheme: <c>RbacKit</c>.</summary>
    public const string AuthenticationScheme = "RbacKit";
}
