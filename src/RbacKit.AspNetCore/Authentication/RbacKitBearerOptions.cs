using Microsoft.AspNetCore.Authentication;

namespace RbacKit.AspNetCore;

/// <summary>Options of the <c>RbacKit</c> bearer authentication scheme. Token rules live in RbacKit's own options.</summary>
public sealed class RbacKitBearerOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates the options with default <see cref="Events"/>.</summary>
    public RbacKitBearerOptions()
    {
        Events = new RbacKitBearerEvents();
    }

    /// <summary>The scheme's events (message received, token validated, challenge, forbidden).</summary>
    public new RbacKitBearerEvents Events
    {
        get => (RbacKitBearerEvents)base.Events!;
        set => base.Events = value;
    }
}
