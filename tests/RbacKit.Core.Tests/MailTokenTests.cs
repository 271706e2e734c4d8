using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RbacKit.Accounts.Recovery;

namespace RbacKit.Core.Tests;

/// <summary>Mail token rules: 256-bit CSPRNG text, SHA-256 at rest, single use, purpose-bound, 30 min reset / 24 h confirmation.</summary>
public sealed class MailTokenTests : IAsyncDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly MemoryMailTokenStore store = new();
    private readonly ServiceProvider provider;
    private readonly Guid user = Guid.NewGuid();

    public MailTokenTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IMailTokenStore>(store);
        services.AddRbacKitMailTokens();
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private IMailTokenService Tokens => provider.CreateScope().ServiceProvider.GetRequiredService<IMailTokenService>();

    public ValueTask DisposeAsync() => provider.DisposeAsync();

    [Fact]
    public async Task Token_is_256_bits_of_base64url_and_only_its_sha256_is_stored()
    {
        var issued = await Tokens.IssueAsync(user, MailTokenPurpose.ResetPassword, null, default);

        Assert.Equal(43, issued.Token.Length);
        Assert.Equal(32, Base64Url.DecodeFromChars(issued.Token).Length);
        var stored = Assert.Single(store.All);
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(issued.Token)), stored.TokenHash);
        Assert.DoesNotContain(Encoding.ASCII.GetBytes(issued.Token), store.All.Select(t => t.TokenHash));
        Assert.Equal(user, stored.UserId);
        Assert.Null(stored.UsedAt);
    }

    [Fact]
    public async Task Tokens_differ_each_time()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 200; i++)
        {
            Assert.True(seen.Add((await Tokens.IssueAsync(Guid.NewGuid(), MailTokenPurpose.ConfirmEmail, null, default)).Token));
        }
    }

    [Fact]
    public async Task A_token_works_once()
    {
        var issued = await Tokens.IssueAsync(user, MailTokenPurpose.ConfirmEmail, null, default);

        var first = await Tokens.ConsumeAsync(issued.Token, MailTokenPurpose.ConfirmEmail, default);
        var second = await Tokens.ConsumeAsync(issued.Token, MailTokenPurpose.ConfirmEmail, default);

        Assert.Equal(user, first?.UserId);
        Assert.Null(second);
    }

    [Fact]
    public async Task Concurrent_redemptions_of_one_token_succeed_once()
    {
        var issued = await Tokens.IssueAsync(user, MailTokenPurpose.ResetPassword, null, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Tokens.ConsumeAsync(issued.Token, MailTokenPurpose.ResetPassword, default))));

        Assert.Single(results, r => r is not null);
    }

    [Theory]
    [InlineData(MailTokenPurpose.ResetPassword, MailTokenPurpose.ConfirmEmail)]
    [InlineData(MailTokenPurpose.ConfirmEmail, MailTokenPurpose.ResetPassword)]
    [InlineData(MailTokenPurpose.ConfirmEmail, MailTokenPurpose.ChangeEmail)]
    [InlineData(MailTokenPurpose.ChangeEmail, MailTokenPurpose.ResetPassword)]
    public async Task A_token_is_refused_for_another_purpose_and_still_works_for_its_own(MailTokenPurpose issuedFor, MailTokenPurpose usedFor)
    {
        var issued = await Tokens.IssueAsync(user, issuedFor, "new@example.test", default);

        Assert.Null(await Tokens.ConsumeAsync(issued.Token, usedFor, default));
        Assert.NotNull(await Tokens.ConsumeAsync(issued.Token, issuedFor, default));
    }

    [Theory]
    [InlineData(MailTokenPurpose.ResetPassword, 30 * 60)]
    [InlineData(MailTokenPurpose.ConfirmEmail, 24 * 3600)]
    [InlineData(MailTokenPurpose.ChangeEmail, 24 * 3600)]
    public async Task A_token_expires_after_its_lifetime(MailTokenPurpose purpose, int lifetimeSeconds)
    {
        var early = await Tokens.IssueAsync(user, purpose, null, default);
        Assert.Equal(time.GetUtcNow().AddSeconds(lifetimeSeconds), early.ExpiresAt);

        time.Advance(TimeSpan.FromSeconds(lifetimeSeconds));
        Assert.NotNull(await Tokens.ConsumeAsync(early.Token, purpose, default));

        var late = await Tokens.IssueAsync(user, purpose, null, default);
        time.Advance(TimeSpan.FromSeconds(lifetimeSeconds + 1));
        Assert.Null(await Tokens.ConsumeAsync(late.Token, purpose, default));
    }

    [Fact]
    public async Task A_new_token_replaces_the_unused_one_of_the_same_purpose_only()
    {
        var oldReset = await Tokens.IssueAsync(user, MailTokenPurpose.ResetPassword, null, default);
        var confirm = await Tokens.IssueAsync(user, MailTokenPurpose.ConfirmEmail, null, default);
        var newReset = await Tokens.IssueAsync(user, MailTokenPurpose.ResetPassword, null, default);

        Assert.Null(await Tokens.ConsumeAsync(oldReset.Token, MailTokenPurpose.ResetPassword, default));
        Assert.NotNull(await Tokens.ConsumeAsync(newReset.Token, MailTokenPurpose.ResetPassword, default));
        Assert.NotNull(await Tokens.ConsumeAsync(confirm.Token, MailTokenPurpose.ConfirmEmail, default));
    }

    [Fact]
    public async Task Change_email_token_carries_the_pending_address_and_others_do_not()
    {
        var change = await Tokens.IssueAsync(user, MailTokenPurpose.ChangeEmail, "new@example.test", default);
        var confirm = await Tokens.IssueAsync(user, MailTokenPurpose.ConfirmEmail, "ignored@example.test", default);

        Assert.Equal("new@example.test", (await Tokens.ConsumeAsync(change.Token, MailTokenPurpose.ChangeEmail, default))?.NewEmail);
        Assert.Null((await Tokens.ConsumeAsync(confirm.Token, MailTokenPurpose.ConfirmEmail, default))?.NewEmail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Malformed_text_is_refused_without_a_store_lookup(string? token)
    {
        Assert.Null(await Tokens.ConsumeAsync(token, MailTokenPurpose.ResetPassword, default));
        Assert.Equal(0, store.Lookups);
    }

    [Fact]
    public async Task An_altered_token_is_refused()
    {
        var issued = await Tokens.IssueAsync(user, MailTokenPurpose.ResetPassword, null, default);
        var altered = (issued.Token[0] == 'A' ? 'B' : 'A') + issued.Token[1..];

        Assert.Null(await Tokens.ConsumeAsync(altered, MailTokenPurpose.ResetPassword, default));
        Assert.NotNull(await Tokens.ConsumeAsync(issued.Token, MailTokenPurpose.ResetPassword, default));
    }

    /// <summary>The store contract in memory: redemption is one locked check-and-set.</summary>
    private sealed class MemoryMailTokenStore : IMailTokenStore
    {
        private readonly ConcurrentDictionary<string, MailToken> tokens = new(StringComparer.Ordinal);
        private readonly Lock gate = new();
        private int lookups;

        public IEnumerable<MailToken> All => tokens.Values;

        public int Lookups => Volatile.Read(ref lookups);

        public Task AddAsync(MailToken token, CancellationToken cancellationToken)
        {
            tokens[Convert.ToHexString(token.TokenHash)] = token;
            return Task.CompletedTask;
        }

        public Task<MailToken?> TryConsumeAsync(byte[] tokenHash, MailTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref lookups);
            lock (gate)
            {
                if (tokens.TryGetValue(Convert.ToHexString(tokenHash), out var token) && token.Purpose == purpose && token.UsedAt is null && now <= token.ExpiresAt)
                {
                    var used = token with { UsedAt = now };
                    tokens[Convert.ToHexString(tokenHash)] = used;
                    return Task.FromResult<MailToken?>(used);
                }

                return Task.FromResult<MailToken?>(null);
            }
        }

        public Task RevokeAsync(Guid userId, MailTokenPurpose purpose, CancellationToken cancellationToken)
        {
            foreach (var (key, token) in tokens)
            {
                if (token.UserId == userId && token.Purpose == purpose && token.UsedAt is null)
                {
                    tokens.TryRemove(key, out _);
                }
            }

            return Task.CompletedTask;
        }
    }
}
