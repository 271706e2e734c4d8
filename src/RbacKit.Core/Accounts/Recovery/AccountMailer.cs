using Microsoft.Extensions.Options;
using RbacKit.Domain;
using RbacKit.Mail;
using RbacKit.Secrets;

namespace RbacKit.Accounts.Recovery;

/// <summary>Issues the mail tokens, renders the mails and queues them: one place for every mail of the account flows.</summary>
internal sealed class AccountMailer(
    IMailTokenService tokens,
    IMailOutbox outbox,
    IEmailTemplates templates,
    IMailTokenStore tokenStore,
    IMailOutboxStore outboxStore,
    ISecretProtector protector,
    TimeProvider time,
    IOptions<RbacKitOptions> options)
{
    private readonly RbacKitOptions _options = options.Value;

    /// <summary>A confirmation link for the user's current address.</summary>
    public async Task SendConfirmationAsync(User user, CancellationToken cancellationToken)
    {
        var issued = await tokens.IssueAsync(user.Id, MailTokenPurpose.ConfirmEmail, null, cancellationToken).ConfigureAwait(false);
        await QueueAsync(user.Email, EmailTemplateKind.ConfirmEmail, Model(user, Link(_options.Accounts.ConfirmEmailPath, issued.Token), issued.ExpiresAt), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A password reset link.</summary>
    public async Task SendResetAsync(User user, CancellationToken cancellationToken)
    {
        var issued = await tokens.IssueAsync(user.Id, MailTokenPurpose.ResetPassword, null, cancellationToken).ConfigureAwait(false);
        await QueueAsync(user.Email, EmailTemplateKind.ResetPassword, Model(user, Link(_options.Accounts.ResetPasswordPath, issued.Token), issued.ExpiresAt), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A notice that the password was reset.</summary>
    public Task SendPasswordResetNoticeAsync(User user, CancellationToken cancellationToken) =>
        QueueAsync(user.Email, EmailTemplateKind.PasswordReset, Model(user, null, null), cancellationToken);

    /// <summary>A confirmation link to <paramref name="newEmail"/> and a notice to the current address.</summary>
    public async Task SendEmailChangeAsync(User user, string newEmail, CancellationToken cancellationToken)
    {
        var issued = await tokens.IssueAsync(user.Id, MailTokenPurpose.ChangeEmail, newEmail, cancellationToken).ConfigureAwait(false);
        var link = Link(_options.Accounts.ConfirmEmailPath, issued.Token);
        await QueueAsync(newEmail, EmailTemplateKind.ConfirmEmailChange, Model(user, link, issued.ExpiresAt) with { NewEmail = newEmail }, cancellationToken).ConfigureAwait(false);
        await QueueAsync(user.Email, EmailTemplateKind.EmailChangeRequested, Model(user, null, null) with { NewEmail = newEmail }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A notice to the owner of an address that someone tried to register it (no token: the owner starts a reset if needed).</summary>
    public Task SendRegistrationAttemptAsync(User user, CancellationToken cancellationToken) =>
        QueueAsync(user.Email, EmailTemplateKind.RegistrationAttempt, Model(user, null, null), cancellationToken);

    /// <summary>
    /// What an unknown or deactivated address gets instead of a mail (no enumeration by timing): the same work, no trace.
    /// A token is drawn and hashed, a mail rendered and encrypted, and as many database round trips that change rows are
    /// made as a real send makes: the revoke, then the encrypted decoy written to the outbox already claimed (for a
    /// century, so no dispatcher can take it; it has no recipient) and deleted at once, where a real send writes a token
    /// and an outbox row. Nothing stays and nothing is sent. <c>ForgotPasswordBenchmarks</c> measures known against unknown.
    /// </summary>
    public async Task DecoyAsync(MailTokenPurpose purpose, EmailTemplateKind kind, CancellationToken cancellationToken)
    {
        var text = MailTokenService.NewTokenText();
        _ = MailTokenService.Hash(text);
        var now = time.GetUtcNow();
        await tokenStore.RevokeAsync(IdGenerator.NewId(time), purpose, cancellationToken).ConfigureAwait(false);
        var path = purpose == MailTokenPurpose.ResetPassword ? _options.Accounts.ResetPasswordPath : _options.Accounts.ConfirmEmailPath;
        var content = templates.Render(kind, new EmailTemplateModel("-", "-", null, Link(path, text), now));
        var claim = IdGenerator.NewId(time);
        var decoy = new OutboxMessage
        {
            Id = IdGenerator.NewId(time),
            To = "",
            ProtectedContent = new MailContent(content.Subject, content.TextBody, content.HtmlBody).Protect(protector),
            CreatedAt = now,
            NextAttemptAt = now,
            ClaimId = claim,
            ClaimedUntil = now.AddYears(100),
        };
        await outboxStore.AddAsync(decoy, cancellationToken).ConfigureAwait(false);
        await outboxStore.CompleteAsync(decoy.Id, claim, cancellationToken).ConfigureAwait(false);
    }

    private Task QueueAsync(string to, EmailTemplateKind kind, EmailTemplateModel model, CancellationToken cancellationToken)
    {
        var content = templates.Render(kind, model);
        return outbox.EnqueueAsync(new EmailMessage(to, content.Subject, content.TextBody, content.HtmlBody), cancellationToken);
    }

    private static EmailTemplateModel Model(User user, string? link, DateTimeOffset? expiresAt) =>
        new(user.FirstName, user.LastName, user.MiddleName, link, expiresAt);

    /// <summary><c>{PublicUrl or Issuer}{path}?token=...</c>; the token is base64url, safe in a query as is.</summary>
    private string Link(string path, string token)
    {
        var root = (_options.Accounts.PublicUrl.Length > 0 ? _options.Accounts.PublicUrl : _options.Issuer).TrimEnd('/');
        return $"{root}{path}?token={token}";
    }
}
