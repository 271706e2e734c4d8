using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Caching;
using RbacKit.Keys;
using RbacKit.TokenValidation;
using RbacKit.Tokens;

namespace RbacKit.Core.Tests;

/// <summary>Rotation with an activation delay and emergency withdrawal of a key (issue 12), on a fake clock.</summary>
public sealed class KeyRingTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private IKeyRing _ring = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _ring = _host.Get<IKeyRing>();
        await _ring.InitializeAsync(default);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_rotated_key_is_published_at_once_and_signs_only_after_the_activation_delay()
    {
        var oldKid = (await _ring.GetCurrentAsync(default)).KeyId;

        var newKid = await _ring.RotateAsync(default);

        Assert.Equal([newKid, oldKid], Published(_ring));
        Assert.Equal(oldKid, KeyIdOf(await IssueAsync(_host)));
        _host.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(oldKid, KeyIdOf(await IssueAsync(_host)));
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        var after = await IssueAsync(_host);
        Assert.Equal(newKid, KeyIdOf(after));
        Assert.True((await Validate(_host, after)).IsValid);

        // The old key keeps validating for a token lifetime (plus skew) after it stopped signing, then disappears.
        _host.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal([newKid, oldKid], Published(_ring));
        _host.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal([newKid], Published(_ring));
    }

    [Fact]
    public async Task The_activation_delay_is_an_option()
    {
        await using var host = await TestHost.CreateAsync(o => o.Tokens.KeyActivationDelay = TimeSpan.FromSeconds(30));
        var ring = host.Get<IKeyRing>();
        await ring.InitializeAsync(default);
        var newKid = await ring.RotateAsync(default);
        Assert.NotEqual(newKid, KeyIdOf(await IssueAsync(host)));
        host.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(newKid, KeyIdOf(await IssueAsync(host)));
    }

    [Fact]
    public async Task A_withdrawn_key_is_unpublished_and_its_tokens_fail_even_from_the_validation_cache()
    {
        var token = await IssueAsync(_host);
        var oldKid = KeyIdOf(token);
        Assert.True((await Validate(_host, token)).IsValid);
        Assert.True((await Validate(_host, token)).IsValid); // now a cache hit
        var newKid = await _ring.RotateAsync(TimeSpan.Zero, default);

        Assert.Equal(KeyWithdrawalResult.Withdrawn, await _ring.WithdrawAsync(oldKid, default));

        Assert.Equal(TokenFailure.UnknownKey, (await Validate(_host, token)).Failure);
        Assert.Equal([newKid], Published(_ring));
        Assert.Equal(newKid, KeyIdOf(await IssueAsync(_host)));
        Assert.Equal(KeyWithdrawalResult.NotFound, await _ring.WithdrawAsync(oldKid, default));

        // Persisted: an instance started afterwards never loads it.
        var kek = _host.Get<Microsoft.Extensions.Options.IOptions<RbacKitOptions>>().Value.Tokens.KeyEncryptionKey;
        await using var restarted = await TestHost.CreateAsync(o => o.Tokens.KeyEncryptionKey = kek, _host.Store);
        await restarted.Get<IKeyRing>().InitializeAsync(default);
        Assert.Equal([newKid], Published(restarted.Get<IKeyRing>()));
        Assert.Equal(TokenFailure.UnknownKey, (await Validate(restarted, token)).Failure);
    }

    [Fact]
    public async Task Withdrawing_the_only_key_that_can_sign_is_refused()
    {
        var kid = (await _ring.GetCurrentAsync(default)).KeyId;
        var token = await IssueAsync(_host);

        Assert.Equal(KeyWithdrawalResult.OnlySigningKey, await _ring.WithdrawAsync(kid, default));

        Assert.True((await Validate(_host, token)).IsValid);
        Assert.Equal([kid], Published(_ring));
        Assert.Null(_host.Store.SigningKeys.Single().ExpiresAt);
    }

    [Fact]
    public async Task Withdrawing_the_current_key_during_a_rotation_signs_with_the_published_key_at_once()
    {
        var oldKid = (await _ring.GetCurrentAsync(default)).KeyId;
        var pending = await _ring.RotateAsync(default);

        Assert.Equal(KeyWithdrawalResult.Withdrawn, await _ring.WithdrawAsync(oldKid, default));

        Assert.Equal(pending, KeyIdOf(await IssueAsync(_host)));
        Assert.Equal([pending], Published(_ring));
    }

    [Fact]
    public async Task A_withdrawal_announced_by_another_instance_drops_the_key_before_any_reload()
    {
        // A second instance with the same store but its own (in-process) feed: only the announcement tells it.
        var kek = _host.Get<Microsoft.Extensions.Options.IOptions<RbacKitOptions>>().Value.Tokens.KeyEncryptionKey;
        await using var other = await TestHost.CreateAsync(o => o.Tokens.KeyEncryptionKey = kek, _host.Store);
        var otherRing = other.Get<IKeyRing>();
        await otherRing.InitializeAsync(default);
        var token = await IssueAsync(_host);
        var kid = KeyIdOf(token);
        Assert.True((await Validate(other, token)).IsValid);
        await _ring.RotateAsync(TimeSpan.Zero, default);
        Assert.Equal(KeyWithdrawalResult.Withdrawn, await _ring.WithdrawAsync(kid, default));
        Assert.True((await Validate(other, token)).IsValid); // not told yet: its ring still holds the key

        await other.Get<IAuthorizationChangeFeed>().PublishAsync(new AuthorizationChange(AuthorizationChangeKind.SigningKeyWithdrawn, KeyIds.ToChangeId(kid)), default);

        Assert.Equal(TokenFailure.UnknownKey, (await Validate(other, token)).Failure);
        Assert.DoesNotContain(kid, Published(otherRing));
    }

    [Fact]
    public async Task A_rotation_announced_by_another_instance_publishes_the_new_key_at_once()
    {
        var kek = _host.Get<Microsoft.Extensions.Options.IOptions<RbacKitOptions>>().Value.Tokens.KeyEncryptionKey;
        await using var other = await TestHost.CreateAsync(o => o.Tokens.KeyEncryptionKey = kek, _host.Store);
        var otherRing = other.Get<IKeyRing>();
        await otherRing.InitializeAsync(default);
        var newKid = await _ring.RotateAsync(default);
        Assert.DoesNotContain(newKid, Published(otherRing));

        await other.Get<IAuthorizationChangeFeed>().PublishAsync(new AuthorizationChange(AuthorizationChangeKind.SigningKeys, Guid.Empty), default);

        await EventuallyAsync(() => Published(otherRing).Contains(newKid));
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        // The announced reload runs in the background; bounded by attempts, not by a clock.
        for (var attempt = 0; attempt < 1000 && !condition(); attempt++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private static List<string> Published(IKeyRing ring) => [.. ring.GetJwks().Keys.Select(k => k.KeyId)];

    private static async Task<string> IssueAsync(TestHost host) =>
        (await host.Get<IAccessTokenIssuer>().IssueAsync(new AccessTokenSubject(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, ["user"], ["movies:read"]), default)).Token;

    private static Task<AccessTokenValidationResult> Validate(TestHost host, string token) => host.Get<IAccessTokenValidator>().ValidateAsync(token, default).AsTask();

    private static string KeyIdOf(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;
}
