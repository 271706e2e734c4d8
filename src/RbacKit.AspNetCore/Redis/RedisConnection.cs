using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RbacKit.AspNetCore;

/// <summary>
/// The shared multiplexer, connected in the background: <c>AbortOnConnectFail = false</c>, so an unreachable Redis never
/// stops start-up and StackExchange.Redis keeps reconnecting.
/// </summary>
internal sealed class RedisConnection(IOptions<RbacKitRedisOptions> options) : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection = new(() => ConnectAsync(options.Value));

    public Task<IConnectionMultiplexer> GetAsync() => _connection.Value;

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await _connection.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(RbacKitRedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= "rbackit";
        options.ConfigureConnection?.Invoke(configuration);
        return await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
    }
}
