using System.Security.Cryptography;
using CinemaAuthHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CinemaAuthHost.Tests;

/// <summary>
/// A Production start without a key-encryption key is refused before it touches the database (issue 12): no SQLite
/// file, no signing key, so the next start with the key works; a ring whose keys were written under other protection
/// stops with an error that says what to do instead of a bare "not in RbacKit's AES-GCM format".
/// </summary>
public sealed class StartupConfigurationTests : IAsyncDisposable
{
    private readonly SqliteStorage _storage = new();

    [Fact]
    public async Task A_production_start_without_a_key_encryption_key_writes_nothing_and_the_next_correct_start_works()
    {
        var directory = _storage.Settings["Data:Directory"];
        await using (var refused = Build(("environment", "Production"), ("RbacKit:Issuer", "https://auth.example.com")))
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CinemaApp.PrepareAsync(refused, CancellationToken.None));
            Assert.Contains("KeyEncryptionKey", error.Message, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(directory, "cinema.db")), "the refused start created the database");
        Assert.False(Directory.Exists(Path.Combine(directory, "keys")) && Directory.EnumerateFileSystemEntries(Path.Combine(directory, "keys")).Any(), "the refused start wrote Data Protection keys");

        await using var host = await CinemaHost.StartAsync(_storage,
            ("environment", "Production"), ("RbacKit:Issuer", "https://auth.example.com"), ("Https:Redirect", "false"),
            ("RbacKit:Tokens:KeyEncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        using var client = host.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/.well-known/jwks.json")).StatusCode);
    }

    [Fact]
    public async Task Keys_written_under_other_protection_give_an_actionable_error()
    {
        await using (await CinemaHost.StartAsync(_storage))
        {
            // Development without a key-encryption key: the signing key is protected by Data Protection.
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var host = await CinemaHost.StartAsync(_storage, ("RbacKit:Tokens:KeyEncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        });
        Assert.Contains("cannot be read with the configured protection", error.Message, StringComparison.Ordinal);
        Assert.Contains("signing_keys", error.Message, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _storage.DisposeAsync();

    private WebApplication Build(params (string Key, string Value)[] settings) =>
        CinemaApp.Build(CinemaHost.Arguments(_storage, settings), b => b.Logging.ClearProviders());
}
