using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>The context of <see cref="RbacKitBearerEvents.OnMessageReceived"/>.</summary>
public sealed class RbacKitMessageReceivedContext(HttpContext context, AuthenticationScheme scheme, RbacKitBearerOptions options)
    : ResultContext<RbacKitBearerOptions>(context, scheme, options)
{
    /// <summary>The bearer token to validate; <see langword="null"/> reads the <c>Authorization</c> header.</summary>
    public string? Token { get; set; }
}

/// <summary>The context of <see cref="RbacKitBearerEvents.OnTokenValidated"/>; <c>Principal</c> is the authenticated caller.</summary>
public sealed class RbacKitTokenValidatedContext(HttpContext context, AuthenticationScheme scheme, RbacKitBearerOptions options, ValidatedAccessToken token)
    : ResultContext<RbacKitBearerOptions>(context, scheme, options)
{
    /// <summary>The validated access token.</summary>
    public ValidatedAccessToken Token { get; } = token;
}

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

/// <summary>The context of <see cref="RbacKitBearerEvents.OnForbidden"/>; call <c>Success()</c> (or <c>NoResult()</c>) to skip the scheme's 403 problem.</summary>
public sealed class RbacKitForbiddenContext(HttpContext context, AuthenticationScheme scheme, RbacKitBearerOptions options)
    : ResultContext<RbacKitBearerOptions>(context, scheme, options);
