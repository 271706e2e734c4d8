using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RbacKit.Caching;
using StackExchange.Redis;

namespace RbacKit.AspNetCore;

/// <summary>Registers the Redis connection, distributed cache and change feed for the issuer and for resource servers.</summary>
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
        services.TryAddSingleton<IConnectionMultiplexer>(sp => sp.GetRequiredService<RedisConnection>().GetAsync().GetAwaiter().GetResult());
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<RedisConnection, IOptions<RbacKitRedisOptions>>((cache, connection, redis) =>
        {
            cache.ConnectionMultiplexerFactory = connection.GetAsync;
            cache.InstanceName = redis.Value.CacheInstanceName;
        });

        services.TryAddSingleton<RedisChangeFeed>();
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationChangeFeed>(sp => sp.GetRequiredService<RedisChangeFeed>()));
        services.TryAddSingleton<IChangeJournal>(sp => sp.GetRequiredService<RedisChangeFeed>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisChangeFeedService>());
    }
}
