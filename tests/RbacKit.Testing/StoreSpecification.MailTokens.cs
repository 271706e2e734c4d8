using System.Security.Cryptography;
using RbacKit.Accounts.Recovery;

namespace RbacKit.Testing;

public abstract partial class StoreSpecificationTests
{
    private async Task<MailToken> AddMailTokenAsync(Guid userId, MailTokenPurpose purpose, TimeSpan lifetime, string? newEmail = null)
    {
        var token = new MailToken
        {
            TokenHash = RandomNumberGenerator.GetBytes(32),
            UserId = userId,
            Purpose = purpose,
            NewEmail = newEmail,
            CreatedAt = Time.GetUtcNow(),
            ExpiresAt = Time.GetUtcNow() + lifetime,
        };
        await Use<IMailTokenStore>(s => s.AddAsync(token, default));
        return token;
    }

    private Task<MailToken?> ConsumeMailTokenAsync(byte[] hash, MailTokenPurpose purpose) =>
        Use<IMailTokenStore, MailToken?>(s => s.TryConsumeAsync(hash, purpose, Time.GetUtcNow(), default));

    [Fact]
    public async Task A_mail_token_is_consumed_once()
    {
        var user = await CreateUserAsync();
        var token = await AddMailTokenAsync(user.Id, MailTokenPurpose.ChangeEmail, TimeSpan.FromHours(24), "new@example.com");
        Time.Advance(TimeSpan.FromMinutes(1));

        var used = await ConsumeMailTokenAsync(token.TokenHash, MailTokenPurpose.ChangeEmail);
        Assert.NotNull(used);
        Assert.Equal((user.Id, MailTokenPurpose.ChangeEmail, "new@example.com", token.ExpiresAt, (DateTimeOffset?)Time.GetUtcNow()),
            (used.UserId, used.Purpose, used.NewEmail, used.ExpiresAt, used.UsedAt));
        Assert.Null(await ConsumeMailTokenAsync(token.TokenHash, MailTokenPurpose.ChangeEmail));
        Assert.Null(await ConsumeMailTokenAsync(RandomNumberGenerator.GetBytes(32), MailTokenPurpose.ChangeEmail));
    }

    [Fact]
    public async Task Parallel_consumptions_of_one_mail_token_give_one_success()
    {
        var user = await CreateUserAsync();
        var token = await AddMailTokenAsync(user.Id, MailTokenPurpose.ResetPassword, TimeSpan.FromMinutes(30));
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => ConsumeMailTokenAsync(token.TokenHash, MailTokenPurpose.ResetPassword))));
        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task A_mail_token_is_refused_for_another_purpose_and_stays_usable_for_its_own()
    {
        var user = await CreateUserAsync();
        var token = await AddMailTokenAsync(user.Id, MailTokenPurpose.ConfirmEmail, TimeSpan.FromHours(24));
        Assert.Null(await ConsumeMailTokenAsync(token.TokenHash, MailTokenPurpose.ResetPassword));
        Assert.Null(await ConsumeMailTokenAsync(token.TokenHash, MailTokenPurpose.ChangeEmail));
        Assert.Equal(MailTokenPurpose.ConfirmEmail, (await ConsumeMailTokenAsync(token.TokenHash, MailTokenPurpose.ConfirmEmail))?.Purpose);
    }

    [Fact]
    public async Task A_mail_token_works_until_its_expiry_and_not_after()
    {
        var user = await CreateUserAsync();
        var atExpiry = await AddMailTokenAsync(user.Id, MailTokenPurpose.ResetPassword, TimeSpan.FromMinutes(30));
        var other = await CreateUserAsync();
        var late = await AddMailTokenAsync(other.Id, MailTokenPurpose.ResetPassword, TimeSpan.FromMinutes(30));

        Time.Advance(TimeSpan.FromMinutes(30));
        Assert.NotNull(await ConsumeMailTokenAsync(atExpiry.TokenHash, MailTokenPurpose.ResetPassword));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await ConsumeMailTokenAsync(late.TokenHash, MailTokenPurpose.ResetPassword));
    }

    [Fact]
    public async Task Revoking_deletes_the_users_unused_tokens_of_one_purpose_only()
    {
        var user = await CreateUserAsync();
        var other = await CreateUserAsync();
        var reset = await AddMailTokenAsync(user.Id, MailTokenPurpose.ResetPassword, TimeSpan.FromMinutes(30));
        var confirm = await AddMailTokenAsync(user.Id, MailTokenPurpose.ConfirmEmail, TimeSpan.FromHours(24));
        var othersReset = await AddMailTokenAsync(other.Id, MailTokenPurpose.ResetPassword, TimeSpan.FromMinutes(30));

        await Use<IMailTokenStore>(s => s.RevokeAsync(user.Id, MailTokenPurpose.ResetPassword, default));

        Assert.Null(await ConsumeMailTokenAsync(reset.TokenHash, MailTokenPurpose.ResetPassword));
        Assert.NotNull(await ConsumeMailTokenAsync(confirm.TokenHash, MailTokenPurpose.ConfirmEmail));
        Assert.NotNull(await ConsumeMailTokenAsync(othersReset.TokenHash, MailTokenPurpose.ResetPassword));
    }
}
