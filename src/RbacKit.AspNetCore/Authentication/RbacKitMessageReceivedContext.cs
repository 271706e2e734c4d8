using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>The context of <see cref="RbacKitBearerEvents.OnMessageReceived"/>.</summary>
public sealed class RbacKitMessageReceivedContext(HttpContext context, AuthenticationScheme scheme, RbacKitBearerOptions options)
    : ResultContext<RbacKitBearerOptions>(context, scheme, options)
{
    /// <summary>The bearer token to validate; <see langword="null"/> reads the <c>Authorization</c> header.</summary>
    public string? Token { get; set; }
}
