using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RbacKit.Caching;

namespace RbacKit.AspNetCore;

/// <summary>Registers the Redis connection (opened asynchronously on first use) and the change feed for the issuer and for resource servers.</summary>
internal static class RedisServices
{
    public static void Add(IServiceCollection services, string connectionString, Action<RbacKitRedisOptions>? configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.Configure<RbacKitRedisOptions>(options =>
        {
            options.Configuration = connectionString;
            configure?.Invoke(options);
        });

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RedisChangeFeed>();
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationChangeFeed>(sp => sp.GetRequiredService<RedisChangeFeed>()));
        services.TryAddSingleton<IChangeJournal>(sp => sp.GetRequiredService<RedisChangeFeed>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisChangeFeedService>());
    }
}
