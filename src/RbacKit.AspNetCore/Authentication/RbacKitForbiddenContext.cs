using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>The context of <see cref="RbacKitBearerEvents.OnForbidden"/>; call <c>Success()</c> (or <c>NoResult()</c>) to skip the scheme's 403 problem.</summary>
public sealed class RbacKitForbiddenContext(HttpContext context, AuthenticationScheme scheme, RbacKitBearerOptions options)
    : ResultContext<RbacKitBearerOptions>(context, scheme, options);
