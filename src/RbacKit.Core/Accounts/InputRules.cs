using System.Net.Mail;

namespace RbacKit.Accounts;

/// <summary>Validation of emails and names.</summary>
internal static class InputRules
{
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 100;

    public static string? CheckEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "The email is required.";
        }

        var trimmed = email.Trim();
        if (trimmed.Length > MaxEmailLength || !MailAddress.TryCreate(trimmed, out var address)
            || !string.Equals(address.Address, trimmed, StringComparison.Ordinal)
            || !address.Host.Contains('.', StringComparison.Ordinal) || trimmed.Any(char.IsControl))
        {
            return "The email is not a valid address.";
        }

        return null;
    }

    public static string? CheckName(string? name, bool required, string label)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return required ? $"The {label} is required." : null;
        }

        return name.Trim().Length > MaxNameLength || name.Any(char.IsControl)
            ? $"The {label} must be at most {MaxNameLength} characters without control characters."
            : null;
    }

    public static void Add(Dictionary<string, string[]> errors, string field, string? message)
    {
        if (message is not null)
        {
            errors[field] = [message];
        }
    }
}
