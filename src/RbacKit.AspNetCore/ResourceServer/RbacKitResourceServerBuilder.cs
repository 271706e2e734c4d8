using Microsoft.Extensions.DependencyInjection;

namespace RbacKit.AspNetCore;

/// <summary>Returned by <c>AddRbacKitResourceServer</c>; Redis is added with <c>.AddRedis(...)</c>.</summary>
public sealed class RbacKitResourceServerBuilder
{
    internal RbacKitResourceServerBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }
}
