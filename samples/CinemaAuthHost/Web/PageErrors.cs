using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using RbacKit;

namespace CinemaAuthHost.Web;

/// <summary>
/// How a page shows a Core failure: the same <see cref="RbacError"/> the API turns into a problem body, here a message
/// that says what to do, in the form's error summary (<c>role="alert"</c>), and per-field messages next to the inputs.
/// </summary>
internal static class PageErrors
{
    /// <summary>The summary message of <paramref name="error"/>.</summary>
    public static string Describe(RbacError error) => error.Code switch
    {
        RbacErrorCodes.InvalidCredentials => "The email or password is wrong. Check both and try again, or reset your password.",
        RbacErrorCodes.InvalidMfaCode => "That code is wrong, expired or already used. Enter the current code from your authenticator app, or one of your recovery codes.",
        RbacErrorCodes.EmailNotConfirmed => "Your email address is not confirmed yet. Open the link in the confirmation mail, or send a new link below.",
        RbacErrorCodes.TooManyRequests or RbacErrorCodes.AccountLocked => TooMany(error.RetryAfter),
        RbacErrorCodes.EmailTaken => "An account with this email already exists. Sign in instead, or reset its password.",
        RbacErrorCodes.InvalidToken => "This link is invalid, already used or expired. Request a new one.",
        RbacErrorCodes.ReauthenticationRequired => "Enter your current password to continue.",
        RbacErrorCodes.ServiceUnavailable => "The service is busy. Try again in a few seconds.",
        RbacErrorCodes.ValidationFailed => "Some fields need attention: see the messages next to them.",
        _ => error.Message,
    };

    /// <summary>The message of a refused rate-limit permit.</summary>
    public static string TooMany(TimeSpan? retryAfter) => retryAfter is { } wait
        ? string.Create(CultureInfo.InvariantCulture, $"Too many attempts. Wait {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds, then try again.")
        : "Too many attempts. Wait a minute, then try again.";

    /// <summary>Adds the summary (under the empty key) and the per-field messages (API field names, PascalCased) to <paramref name="modelState"/>.</summary>
    public static void AddTo(ModelStateDictionary modelState, RbacError error)
    {
        modelState.AddModelError(string.Empty, Describe(error));
        foreach (var (field, messages) in error.Errors ?? new Dictionary<string, string[]>())
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(FieldKey(field), message);
            }
        }
    }

    public static string FieldKey(string apiField) =>
        apiField.Length == 0 ? apiField : char.ToUpperInvariant(apiField[0]) + apiField[1..];
}
