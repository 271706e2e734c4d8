namespace RbacKit.AspNetCore;

/// <summary>The body of <c>POST /auth/confirm-email</c>.</summary>
/// <param name="Token">The token of the confirmation link.</param>
public sealed record ConfirmEmailRequest(string? Token);

/// <summary>The body of <c>POST /auth/resend-confirmation</c> and <c>POST /auth/forgot-password</c>.</summary>
/// <param name="Email">The account's email.</param>
public sealed record AccountEmailRequest(string? Email);

/// <summary>The body of <c>POST /auth/reset-password</c>.</summary>
/// <param name="Token">The token of the reset link.</param>
/// <param name="NewPassword">The new password.</param>
public sealed record ResetPasswordRequest(string? Token, string? NewPassword);
