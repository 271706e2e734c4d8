namespace CinemaAuthHost.Hosting;

/// <summary>Runs <see cref="PostgresChangeFeed"/>'s listening loop for the lifetime of the host.</summary>
internal sealed class PostgresChangeFeedService(PostgresChangeFeed feed) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => feed.RunAsync(stoppingToken);
}
