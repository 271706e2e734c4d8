using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>The context of <see cref="RbacKitBearerEvents.OnTokenValidated"/>; <c>Principal</c> is the authenticated caller.</summary>
public sealed class RbacKitTokenValidatedContext(HttpContext context, AuthenticationScheme scheme, RbacKitBearerOptions options, ValidatedAccessToken token)
    : ResultContext<RbacKitBearerOptions>(context, scheme, options)
{
    /// <summary>The validated access token.</summary>
    public ValidatedAccessToken Token { get; } = token;
}
