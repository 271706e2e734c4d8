using Microsoft.Extensions.Hosting;

namespace RbacKit.AspNetCore;

/// <summary>Runs the Redis change feed's connection and reliability loop for the lifetime of the host.</summary>
internal sealed class RedisChangeFeedService(RedisChangeFeed feed) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => feed.RunAsync(stoppingToken);
}
