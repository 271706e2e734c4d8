using System.Security.Cryptography;
using System.Text;
using CinemaAuthHost.Data;
using Microsoft.EntityFrameworkCore;
using RbacKit;
using RbacKit.Accounts;
using RbacKit.Administration;
using RbacKit.Stores;

namespace CinemaAuthHost.External;

/// <summary>
/// The end of a provider's callback: finds, links or creates the account of an <see cref="ExternalIdentity"/> and hands
/// out the one-time code (or the error) that goes into the return URL's fragment.
/// </summary>
internal sealed class ExternalAccounts(
    CinemaDbContext db, IUserStore users, IUserAdministrationService userAdministration, IAccountService accounts, TimeProvider time)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(60);

    /// <summary>The fragment for the return URL: <c>code=…</c>, <c>linked=…</c> or <c>error=…</c>.</summary>
    public async Task<string> CompleteAsync(string provider, ExternalIdentity? identity, Guid? linkUserId, CancellationToken cancellationToken)
    {
        if (identity is null)
        {
            return Error(ExternalErrors.ProviderError);
        }

        var existing = await db.ExternalLogins.AsNoTracking()
            .FirstOrDefaultAsync(l => l.Provider == provider && l.Subject == identity.Subject, cancellationToken);
        if (linkUserId is { } owner)
        {
            return await LinkAsync(provider, identity, existing, owner, cancellationToken);
        }

        if (existing is not null)
        {
            return await CodeForAsync(existing.UserId, provider, cancellationToken);
        }

        if (identity.Email is null)
        {
            return Error(ExternalErrors.EmailRequired);
        }

        var found = await userAdministration.FindByEmailAsync(identity.Email, cancellationToken);
        if (found.Succeeded)
        {
            var local = found.Value;
            // Linking by email hands the account to whoever controls the address at the provider: only when both sides
            // proved control of it.
            if (!identity.EmailVerified || !local.EmailConfirmed)
            {
                return Error(ExternalErrors.AccountExists);
            }

            return await AddAsync(provider, identity, local.Id, cancellationToken)
                ? await CodeForAsync(local.Id, provider, cancellationToken)
                : Error(ExternalErrors.ExternalLoginTaken);
        }

        var created = await accounts.CreateExternalAsync(
            new ExternalAccountRequest(identity.Email, identity.EmailVerified, identity.FirstName, identity.LastName), cancellationToken);
        if (!created.Succeeded)
        {
            return Error(created.Error.Code == RbacErrorCodes.EmailTaken ? ExternalErrors.AccountExists : ExternalErrors.ProviderError);
        }

        return await AddAsync(provider, identity, created.Value.Id, cancellationToken)
            ? await CodeForAsync(created.Value.Id, provider, cancellationToken)
            : Error(ExternalErrors.ExternalLoginTaken);
    }

    /// <summary>Spends a one-time code unless it is unknown or expired. A code is taken once: the first caller wins.</summary>
    public async Task<ExternalSignInCode?> FindCodeAsync(string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 128)
        {
            return null;
        }

        var hash = Hash(code);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await db.ExternalSignInCodes.AsNoTracking().FirstOrDefaultAsync(c => c.CodeHash == hash && c.ExpiresAt > now, cancellationToken);
    }

    /// <summary>A live code by its hash (a page flow keeps the hash, not the code, between its steps).</summary>
    public Task<ExternalSignInCode?> FindCodeByHashAsync(byte[] hash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return db.ExternalSignInCodes.AsNoTracking().FirstOrDefaultAsync(c => c.CodeHash == hash && c.ExpiresAt > now, cancellationToken);
    }

    public async Task<bool> SpendCodeAsync(ExternalSignInCode code, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.ExternalSignInCodes.Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        return await db.ExternalSignInCodes.Where(c => c.CodeHash == code.CodeHash && c.ExpiresAt > now).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <summary>The user's linked logins, by provider name.</summary>
    public async Task<IReadOnlyList<ExternalLoginInfo>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        var logins = await db.ExternalLogins.AsNoTracking().Where(l => l.UserId == userId).ToListAsync(cancellationToken);
        return [.. logins.OrderBy(l => l.Provider, StringComparer.Ordinal).Select(l => new ExternalLoginInfo(l.Provider, l.Subject, l.Email, l.LinkedAt))];
    }

    /// <summary>
    /// Removes the user's login of <paramref name="provider"/>: null when done, <c>not_found</c> when none is linked,
    /// <see cref="ExternalErrors.LastSignInMethod"/> when it is the account's only way to sign in.
    /// </summary>
    public async Task<string?> UnlinkAsync(Guid userId, string provider, CancellationToken cancellationToken)
    {
        var logins = await db.ExternalLogins.Where(l => l.UserId == userId).ToListAsync(cancellationToken);
        var login = logins.FirstOrDefault(l => l.Provider == provider);
        if (login is null)
        {
            return "not_found";
        }

        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (string.IsNullOrEmpty(user?.PasswordHash) && logins.Count == 1)
        {
            return ExternalErrors.LastSignInMethod;
        }

        db.ExternalLogins.Remove(login);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Whether the user has a login of <paramref name="provider"/> linked.</summary>
    public Task<bool> IsLinkedAsync(Guid userId, string provider, CancellationToken cancellationToken) =>
        db.ExternalLogins.AnyAsync(l => l.UserId == userId && l.Provider == provider, cancellationToken);

    private async Task<string> LinkAsync(string provider, ExternalIdentity identity, ExternalLogin? existing, Guid owner, CancellationToken cancellationToken)
    {
        if (existing is not null)
        {
            return existing.UserId == owner ? $"linked={Uri.EscapeDataString(provider)}" : Error(ExternalErrors.ExternalLoginTaken);
        }

        return await AddAsync(provider, identity, owner, cancellationToken)
            ? $"linked={Uri.EscapeDataString(provider)}"
            : Error(ExternalErrors.ExternalLoginTaken);
    }

    /// <summary>False when the identity, or a login of this provider for the user, exists already (a concurrent link).</summary>
    private async Task<bool> AddAsync(string provider, ExternalIdentity identity, Guid userId, CancellationToken cancellationToken)
    {
        var login = new ExternalLogin
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Provider = provider,
            Subject = identity.Subject,
            Email = identity.Email is { Length: <= 254 } email ? email : null,
            LinkedAt = time.GetUtcNow(),
            UserId = userId,
        };
        db.ExternalLogins.Add(login);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(login).State = EntityState.Detached;
            return false;
        }
    }

    private async Task<string> CodeForAsync(Guid userId, string provider, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is not { IsActive: true })
        {
            return Error(ExternalErrors.AccountDisabled);
        }

        var code = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.ExternalSignInCodes.Add(new ExternalSignInCode
        {
            CodeHash = Hash(code),
            UserId = userId,
            Provider = provider,
            ExpiresAt = (time.GetUtcNow() + CodeLifetime).ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return $"code={code}";
    }

    public static string Error(string code) => $"error={code}";

    private static byte[] Hash(string code) => SHA256.HashData(Encoding.UTF8.GetBytes(code));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The codes of the return URL's <c>#error=</c> and of the external sign-in problems.</summary>
internal static class ExternalErrors
{
    public const string InvalidReturnUrl = "invalid_return_url";
    public const string InvalidCode = "invalid_code";
    public const string InvalidState = "invalid_state";
    public const string AccessDenied = "access_denied";
    public const string ProviderError = "provider_error";
    public const string AccountExists = "account_exists";
    public const string AccountDisabled = "account_disabled";
    public const string EmailRequired = "email_required";
    public const string ExternalLoginTaken = "external_login_taken";
    public const string LastSignInMethod = "last_sign_in_method";
}
