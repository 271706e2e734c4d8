using Microsoft.AspNetCore.Authentication;

namespace RbacKit.AspNetCore;

/// <summary>Options of the <c>RbacKit</c> bearer authentication scheme. Token rules live in RbacKit's own options.</summary>
public sealed class RbacKitBearerOptions : AuthenticationSchemeOptions
{
}
