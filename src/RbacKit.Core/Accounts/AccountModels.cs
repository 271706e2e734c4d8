namespace RbacKit.Accounts;

/// <summary>A registration.</summary>
/// <param name="Email">The email; unique.</param>
/// <param name="Password">The password.</param>
/// <param name="PasswordConfirm">The password again.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="MiddleName">Middle name, optional.</param>
public sealed record RegisterRequest(string? Email, string? Password, string? PasswordConfirm, string? FirstName, string? LastName, string? MiddleName = null);

/// <summary>A login attempt.</summary>
/// <param name="Email">The email.</param>
/// <param name="Password">The password.</param>
/// <param name="TwoFactorCode">A TOTP code when MFA is on.</param>
/// <param name="RecoveryCode">A recovery code instead of the TOTP code.</param>
public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode = null, string? RecoveryCode = null);

/// <summary>Changed names; null fields stay as they are.</summary>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="MiddleName">Middle name; an empty string clears it.</param>
public sealed record ProfileUpdate(string? FirstName = null, string? LastName = null, string? MiddleName = null);

/// <summary>A new access and refresh token.</summary>
/// <param name="AccessToken">The access token (JWT).</param>
/// <param name="RefreshToken">The refresh token (opaque, single use).</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
public sealed record TokenPair(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);

/// <summary>A user as shown to the user or an administrator.</summary>
/// <param name="Id">The id.</param>
/// <param name="Email">The email.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="MiddleName">Middle name.</param>
/// <param name="Roles">Role names.</param>
/// <param name="MfaEnabled">Whether MFA is on.</param>
/// <param name="IsActive">Whether the account is active.</param>
/// <param name="CreatedAt">When the user registered.</param>
/// <param name="EmailConfirmed">Whether the address is confirmed.</param>
public sealed record UserProfile(Guid Id, string Email, string FirstName, string LastName, string? MiddleName, IReadOnlyList<string> Roles, bool MfaEnabled, bool IsActive, DateTimeOffset CreatedAt, bool EmailConfirmed);

/// <summary>A session as listed to its user.</summary>
/// <param name="Id">The id.</param>
/// <param name="CreatedAt">Login time.</param>
/// <param name="LastSeenAt">Last use: a refresh, or a request with one of its access tokens (recorded at most once per Sessions.LastSeenWriteInterval, 1 minute by default).</param>
/// <param name="Ip">Client address at login.</param>
/// <param name="UserAgent">User agent at login.</param>
/// <param name="Current">Whether it is the caller's own session.</param>
public sealed record SessionInfo(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? Ip, string? UserAgent, bool Current);

/// <summary>One login attempt as shown to its user.</summary>
/// <param name="At">When.</param>
/// <param name="Ip">Client address.</param>
/// <param name="UserAgent">User agent.</param>
/// <param name="Success">Whether it signed in.</param>
/// <param name="Provider">The external sign-in provider it came through; <see langword="null"/> for a password login.</param>
public sealed record LoginHistoryItem(DateTimeOffset At, string? Ip, string? UserAgent, bool Success, string? Provider);

/// <summary>A new account of an external sign-in: no password, the default role.</summary>
/// <param name="Email">The email the provider gave.</param>
/// <param name="EmailConfirmed">Whether the provider asserted that the email is verified.</param>
/// <param name="FirstName">The first name, if the provider gave one.</param>
/// <param name="LastName">The last name, if the provider gave one.</param>
public sealed record ExternalAccountRequest(string Email, bool EmailConfirmed, string? FirstName, string? LastName);
