using Microsoft.Extensions.DependencyInjection;

namespace RbacKit;

/// <summary>Returned by the RbacKit registration methods; store, cache and web packages add extension methods to it.</summary>
public sealed class RbacKitBuilder
{
    internal RbacKitBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection RbacKit registers into.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Applies more configuration to <see cref="RbacKitOptions"/>. Safe to call repeatedly; changes accumulate.</summary>
    public RbacKitBuilder Configure(Action<RbacKitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
