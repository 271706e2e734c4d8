using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RbacKit.Accounts.Recovery;

/// <summary>
/// Mail tokens: 256 bits from the CSPRNG as base64url (43 characters); stored as SHA-256 of the text, so a database read
/// yields no usable link. Lookup is by hash (no secret comparison in code), redemption is one conditional update.
/// </summary>
internal sealed class MailTokenService(IMailTokenStore store, IOptions<MailTokenOptions> options, TimeProvider timeProvider) : IMailTokenService
{
    internal const int TokenBytes = 32;
    internal const int TokenLength = 43;

    public async Task<IssuedMailToken> IssueAsync(Guid userId, MailTokenPurpose purpose, string? newEmail, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(purpose))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose));
        }

        var text = NewTokenText();
        var now = timeProvider.GetUtcNow();
        var token = new MailToken
        {
            TokenHash = Hash(text)!,
            UserId = userId,
            Purpose = purpose,
            NewEmail = purpose == MailTokenPurpose.ChangeEmail ? newEmail : null,
            CreatedAt = now,
            ExpiresAt = now + options.Value.LifetimeOf(purpose),
        };
        await store.RevokeAsync(userId, purpose, cancellationToken).ConfigureAwait(false);
        await store.AddAsync(token, cancellationToken).ConfigureAwait(false);
        return new IssuedMailToken(text, token.ExpiresAt);
    }

    public Task<MailToken?> ConsumeAsync(string? token, MailTokenPurpose purpose, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        return hash is null
            ? Task.FromResult<MailToken?>(null)
            : store.TryConsumeAsync(hash, purpose, timeProvider.GetUtcNow(), cancellationToken);
    }

    /// <summary>A fresh token text: <see cref="TokenBytes"/> bytes from the CSPRNG as base64url.</summary>
    internal static string NewTokenText()
    {
        Span<byte> secret = stackalloc byte[TokenBytes];
        RandomNumberGenerator.Fill(secret);
        var text = Base64Url.EncodeToString(secret);
        CryptographicOperations.ZeroMemory(secret);
        return text;
    }

    /// <summary>SHA-256 of the token text; null when the text cannot be a token (wrong length or alphabet).</summary>
    internal static byte[]? Hash(string? token)
    {
        if (token is null || token.Length != TokenLength || !Base64Url.IsValid(token))
        {
            return null;
        }

        return SHA256.HashData(Encoding.ASCII.GetBytes(token));
    }
}
