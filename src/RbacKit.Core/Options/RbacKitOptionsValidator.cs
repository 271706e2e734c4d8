using Microsoft.Extensions.Options;
using RbacKit.Permissions;
using RbacKit.Secrets;

namespace RbacKit;

/// <summary>Checks <see cref="RbacKitOptions"/> at start-up; each failure names the setting to change.</summary>
internal sealed class RbacKitOptionsValidator : IValidateOptions<RbacKitOptions>
{
    public ValidateOptionsResult Validate(string? name, RbacKitOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("RbacKit: set Issuer (the 'iss' of issued tokens, for example the auth service's base URL).");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("RbacKit: set Audience (the 'aud' of issued tokens, the API they are for).");
        }

        ValidateTokens(options.Tokens, failures);
        ValidatePasswords(options.Passwords, failures);
        ValidateOthers(options, failures);
        ValidateAccounts(options.Accounts, failures);
        ValidateCatalog(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAccounts(AccountOptions accounts, List<string> failures)
    {
        if (accounts.PublicUrl.Length > 0
            && (!Uri.TryCreate(accounts.PublicUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
                || url.Query.Length > 0 || url.Fragment.Length > 0))
        {
            failures.Add("RbacKit: Accounts.PublicUrl must be an absolute http or https URL without query or fragment (the base of the links in mails).");
        }

        foreach (var (name, path) in new[] { ("ResetPasswordPath", accounts.ResetPasswordPath), ("ConfirmEmailPath", accounts.ConfirmEmailPath) })
        {
            if (string.IsNullOrEmpty(path) || path[0] != '/' || path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal))
            {
                failures.Add($"RbacKit: Accounts.{name} must start with '/' and contain no query or fragment.");
            }
        }
    }

    private static void ValidateTokens(TokenOptions tokens, List<string> failures)
    {
        if (!SigningAlgorithms.IsSupported(tokens.Algorithm))
        {
            failures.Add($"RbacKit: Tokens.Algorithm '{tokens.Algorithm}' is not supported; use RS256, ES256 or HS256.");
        }

        if (tokens.AccessTokenLifetime < TimeSpan.FromMinutes(1) || tokens.AccessTokenLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("RbacKit: Tokens.AccessTokenLifetime must be between 1 minute and 1 hour.");
        }

        if (tokens.ClockSkew < TimeSpan.Zero || tokens.ClockSkew > TimeSpan.FromSeconds(30))
        {
            failures.Add("RbacKit: Tokens.ClockSkew must be between 0 and 30 seconds.");
        }

        if (tokens.MaxTokenSize is < 1024 or > 65536)
        {
            failures.Add("RbacKit: Tokens.MaxTokenSize must be between 1024 and 65536 bytes.");
        }

        if (tokens.RsaKeySize is < 2048 or > 8192)
        {
            failures.Add("RbacKit: Tokens.RsaKeySize must be between 2048 and 8192 bits.");
        }

        if (tokens.KeyActivationDelay < TimeSpan.Zero || tokens.KeyActivationDelay > TimeSpan.FromDays(1))
        {
            failures.Add("RbacKit: Tokens.KeyActivationDelay must be between 0 and 1 day.");
        }

        if (tokens.ValidatedTokenCacheSize < 0)
        {
            failures.Add("RbacKit: Tokens.ValidatedTokenCacheSize must not be negative.");
        }

        if (tokens.KeyEncryptionKey is { Length: > 0 } kek && !SecretProtectors.IsValidKeyEncryptionKey(kek))
        {
            failures.Add("RbacKit: Tokens.KeyEncryptionKey must be base64 of exactly 32 random bytes (for example: openssl rand -base64 32).");
        }
    }

    private static void ValidatePasswords(PasswordOptions passwords, List<string> failures)
    {
        if (passwords.WorkFactor is < 4 or > 20 || (passwords.WorkFactor < 11 && !passwords.AllowWeakWorkFactor))
        {
            failures.Add("RbacKit: Passwords.WorkFactor must be between 11 and 20 (lower only with AllowWeakWorkFactor, for tests).");
        }

        if (passwords.MinLength < 8 || passwords.MaxLength < passwords.MinLength || passwords.MaxLength > 1024)
        {
            failures.Add("RbacKit: Passwords.MinLength must be at least 8 and Passwords.MaxLength between MinLength and 1024.");
        }

        if (passwords.MinimumStrengthScore is < 0 or > 4)
        {
            failures.Add("RbacKit: Passwords.MinimumStrengthScore must be between 0 and 4.");
        }
    }

    private static void ValidateOthers(RbacKitOptions options, List<string> failures)
    {
        if (options.Sessions.IdleLifetime <= TimeSpan.Zero || options.Sessions.AbsoluteLifetime < options.Sessions.IdleLifetime)
        {
            failures.Add("RbacKit: Sessions.IdleLifetime must be positive and at most Sessions.AbsoluteLifetime.");
        }

        if (options.LoginHistory.Retention < TimeSpan.FromDays(1))
        {
            failures.Add("RbacKit: LoginHistory.Retention must be at least one day.");
        }

        if (options.Sessions.LastSeenWriteInterval < TimeSpan.FromSeconds(1) || options.Sessions.LastSeenWriteInterval > TimeSpan.FromHours(1))
        {
            failures.Add("RbacKit: Sessions.LastSeenWriteInterval must be between 1 second and 1 hour.");
        }

        if (options.Lockout.MaxFailedAttempts < 1 || options.Lockout.Duration <= TimeSpan.Zero)
        {
            failures.Add("RbacKit: Lockout.MaxFailedAttempts must be at least 1 and Lockout.Duration positive.");
        }

        if (options.Mfa.SecretLength is < 20 or > 64 || options.Mfa.RecoveryCodeCount is < 1 or > 50)
        {
            failures.Add("RbacKit: Mfa.SecretLength must be 20 to 64 bytes and Mfa.RecoveryCodeCount 1 to 50.");
        }

        if (options.StateCacheDuration < TimeSpan.Zero || options.StateCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add("RbacKit: StateCacheDuration must be between 0 and 1 hour.");
        }
    }

    private static void ValidateCatalog(RbacKitOptions options, List<string> failures)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var permission in options.Permissions.Build())
        {
            if (!PermissionName.IsValidName(permission.Name))
            {
                failures.Add($"RbacKit: permission '{permission.Name}' is not a valid name; use lower-case 'resource:action'.");
            }

            names.Add(permission.Name);
        }

        foreach (var role in options.Roles.All)
        {
            foreach (var pattern in role.Permissions)
            {
                if (!PermissionName.IsValidPattern(pattern) || (pattern != PermissionName.All && !names.Any(n => PermissionName.Matches(pattern, n))))
                {
                    failures.Add($"RbacKit: role '{role.Name}' grants '{pattern}', which matches no declared permission; declare it with options.Permissions.Add.");
                }
            }
        }

        if (!string.IsNullOrEmpty(options.DefaultRole) && options.Roles.All.All(r => r.Name != options.DefaultRole))
        {
            failures.Add($"RbacKit: DefaultRole '{options.DefaultRole}' is not a declared role; declare it with options.Roles.Add.");
        }
    }
}
