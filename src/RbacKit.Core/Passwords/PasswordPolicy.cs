using System.Text;
using Microsoft.Extensions.Options;

namespace RbacKit.Passwords;

/// <summary>
/// Length in Unicode code points after NFKC (default 12 to 128), no control characters, and a zxcvbn strength score that
/// rejects common passwords, dictionary words with decorations and passwords built from the user's own data.
/// </summary>
internal sealed class PasswordPolicy(IOptions<RbacKitOptions> options) : IPasswordPolicy
{
    // zxcvbn's matching grows fast with length; the first 64 code points decide whether a password is guessable.
    private const int StrengthCheckPrefix = 64;
    private readonly PasswordOptions _options = options.Value.Passwords;

    public RbacError? Check(string password, IEnumerable<string?> userInputs)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Weak("The password is required.");
        }

        var normalized = Normalizer.Password(password);
        var length = 0;
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                return Weak("The password must not contain control characters.");
            }

            length++;
        }

        if (length < _options.MinLength || length > _options.MaxLength)
        {
            return Weak($"The password must be {_options.MinLength} to {_options.MaxLength} characters long.");
        }

        if (_options.MinimumStrengthScore > 0)
        {
            var inputs = userInputs.Where(i => !string.IsNullOrWhiteSpace(i)).SelectMany(Split).ToList();
            var sample = length <= StrengthCheckPrefix ? normalized : Prefix(normalized, StrengthCheckPrefix);
            var result = Zxcvbn.Zxcvbn.MatchPassword(sample, inputs);
            if (result.Score < _options.MinimumStrengthScore)
            {
                return Weak("The password is too common or too easy to guess; use a longer passphrase of unrelated words.");
            }
        }

        return null;
    }

    private static RbacError Weak(string message) =>
        new(RbacErrorKind.Validation, RbacErrorCodes.WeakPassword, message,
            new Dictionary<string, string[]>(StringComparer.Ordinal) { ["password"] = [message] });

    private static IEnumerable<string> Split(string? input) =>
        input!.Split(['@', '.', ' ', '-', '_', '+'], StringSplitOptions.RemoveEmptyEntries).Append(input!);

    private static string Prefix(string value, int runes)
    {
        var builder = new StringBuilder();
        foreach (var rune in value.EnumerateRunes().Take(runes))
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
