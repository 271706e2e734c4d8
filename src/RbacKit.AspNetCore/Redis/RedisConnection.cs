using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RbacKit.AspNetCore;

/// <summary>
/// The shared multiplexer, connected asynchronously on first use and never by blocking start-up:
/// <c>AbortOnConnectFail = false</c>, so an unreachable Redis still yields a multiplexer that StackExchange.Redis keeps
/// reconnecting; a connect that throws (for example a configuration that cannot be resolved yet) is retried on the next
/// use instead of being remembered.
/// </summary>
internal sealed class RedisConnection(IOptions<RbacKitRedisOptions> options) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Task<IConnectionMultiplexer>? _connection;

    public Task<IConnectionMultiplexer> GetAsync()
    {
        var connection = _connection;
        if (connection is not null && !connection.IsFaulted && !connection.IsCanceled)
        {
            return connection;
        }

        lock (_gate)
        {
            if (_connection is null || _connection.IsFaulted || _connection.IsCanceled)
            {
                _connection = ConnectAsync(options.Value);
            }

            return _connection;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { IsCompletedSuccessfully: true } connection)
        {
            await connection.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(RbacKitRedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= "rbackit";
        options.ConfigureConnection?.Invoke(configuration);
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        options.Connected?.Invoke(multiplexer);
        return multiplexer;
    }
}
