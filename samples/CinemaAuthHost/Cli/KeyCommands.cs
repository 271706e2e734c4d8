using Microsoft.Extensions.Options;
using RbacKit;
using RbacKit.Keys;

namespace CinemaAuthHost.Cli;

/// <summary>What <c>rotate-keys</c> does: rotate with the activation delay, or withdraw a key in an emergency.</summary>
internal static class KeyCommands
{
    public static async Task<int> RotateAsync(IServiceProvider services, IKeyRing ring, TextWriter output, CancellationToken cancellationToken)
    {
        var delay = services.GetRequiredService<IOptions<RbacKitOptions>>().Value.Tokens.KeyActivationDelay;
        var from = services.GetRequiredService<TimeProvider>().GetUtcNow() + delay;
        var keyId = await ring.RotateAsync(cancellationToken);
        await output.WriteLineAsync($"Published key {keyId}; it signs from {from:O} (RbacKit:Tokens:KeyActivationDelay {delay}), earlier keys until then.");
        await WarnWithoutChangeFeedAsync(services, output);
        return 0;
    }

    public static async Task<int> WithdrawAsync(IServiceProvider services, IKeyRing ring, string keyId, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await ring.WithdrawAsync(keyId, cancellationToken);
        if (result == KeyWithdrawalResult.OnlySigningKey)
        {
            // The withdrawn key must not sign again, and tokens must still be issued: its replacement signs at once.
            var replacement = await ring.RotateAsync(TimeSpan.Zero, cancellationToken);
            await output.WriteLineAsync($"Key {keyId} was the only key that could sign: created key {replacement}, which signs at once.");
            result = await ring.WithdrawAsync(keyId, cancellationToken);
        }

        switch (result)
        {
            case KeyWithdrawalResult.Withdrawn:
                await output.WriteLineAsync($"Withdrew key {keyId}: it is no longer published, and tokens it signed are refused.");
                await WarnWithoutChangeFeedAsync(services, output);
                return 0;
            case KeyWithdrawalResult.NotFound:
                await output.WriteLineAsync($"Error: no live signing key has kid '{keyId}' (see /.well-known/jwks.json).");
                return 1;
            default:
                await output.WriteLineAsync($"Error: key {keyId} could not be withdrawn ({result}).");
                return 1;
        }
    }

    /// <summary>Without Redis there is no way to reach a running instance: say when it learns of the change.</summary>
    private static async Task WarnWithoutChangeFeedAsync(IServiceProvider services, TextWriter output)
    {
        if (string.IsNullOrWhiteSpace(services.GetRequiredService<IConfiguration>().GetConnectionString("Redis")))
        {
            var interval = services.GetRequiredService<IOptions<RbacKitOptions>>().Value.Tokens.KeyRefreshInterval;
            await output.WriteLineAsync(
                $"Note: no Redis (ConnectionStrings:Redis) carries the change to running instances; they pick it up within RbacKit:Tokens:KeyRefreshInterval ({interval}) or at restart.");
        }
    }
}
