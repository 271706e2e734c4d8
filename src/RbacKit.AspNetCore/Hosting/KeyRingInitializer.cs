using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RbacKit.Keys;

namespace RbacKit.AspNetCore;

/// <summary>Loads the signing keys before the server accepts requests, creating the first key on a new store.</summary>
internal sealed partial class KeyRingInitializer(IKeyRing keyRing, ILogger<KeyRingInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await keyRing.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var current = await keyRing.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        AspNetCoreLog.KeyRingReady(logger, current.KeyId, current.Algorithm);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
