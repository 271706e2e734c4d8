using Microsoft.Extensions.Hosting;

namespace RbacKit.AspNetCore;

/// <summary>Creates the revocation list at start-up, so it hears changes from the start rather than from the first request.</summary>
internal sealed class RevocationListActivator(RevocationList revocations) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(revocations);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
