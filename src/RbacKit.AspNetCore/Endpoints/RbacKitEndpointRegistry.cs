using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RbacKit.AspNetCore;

/// <summary>Where the host mapped RbacKit's groups, so discovery can point at the token endpoint.</summary>
internal sealed class RbacKitEndpointRegistry
{
    public string? AuthPrefix { get; set; }

    /// <summary>Where <c>MapRbacKitOAuth</c> mapped the token, revocation and introspection endpoints; null when it was not called.</summary>
    public string? OAuthPrefix { get; set; }

    public static RbacKitEndpointRegistry Get(IEndpointRouteBuilder endpoints) =>
        endpoints.ServiceProvider.GetRequiredService<RbacKitEndpointRegistry>();
}
