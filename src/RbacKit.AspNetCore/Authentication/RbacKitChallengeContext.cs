using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>The context of <see cref="RbacKitBearerEvents.OnChallenge"/>.</summary>
public sealed class RbacKitChallengeContext(HttpContext context, AuthenticationScheme scheme, RbacKitBearerOptions options, AuthenticationProperties properties, string? failure)
    : PropertiesContext<RbacKitBearerOptions>(context, scheme, options, properties)
{
    /// <summary>Why authentication failed (a stable code such as <c>expired</c>), or <see langword="null"/> when no token was sent.</summary>
    public string? Failure { get; } = failure;

    /// <summary>Whether the handler wrote the response itself, so the scheme writes no problem.</summary>
    public bool Handled { get; private set; }

    /// <summary>Skips the scheme's 401 problem: the event wrote the response.</summary>
    public void HandleResponse() => Handled = true;
}
