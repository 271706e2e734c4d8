using System.Text;

namespace RbacKit;

/// <summary>
/// Normalization used for lookups of emails and role names. Needs real Unicode normalization (ICU on Linux and macOS):
/// with invariant globalization every method that normalizes throws <see cref="InvalidOperationException"/> instead of
/// silently comparing raw strings.
/// </summary>
internal static class Normalizer
{
    /// <summary>
    /// Trims, applies Unicode NFKC, then folds case (lower-case, then upper-case, invariantly, so that for example
    /// U+017F "ſ", U+0131 "ı" and U+212A "K" meet their ASCII letters) and applies NFKC again, as NFKC_Casefold does.
    /// The result is upper-case.
    /// </summary>
    public static string NormalizeKey(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        UnicodeSupport.EnsureAvailable();
        var compatible = value.Trim().Normalize(NormalizationForm.FormKC);
        return compatible.ToLowerInvariant().ToUpperInvariant().Normalize(NormalizationForm.FormKC);
    }

    /// <summary>
    /// The UTS #39 skeleton of an email's key: <see cref="NormalizeKey"/>, lower-cased, then mapped through Unicode's
    /// confusables (Cyrillic "а" and Latin "a" have one skeleton). Two emails with the same skeleton look alike; the store
    /// keeps it unique so a look-alike of an existing account cannot register.
    /// </summary>
    public static string EmailSkeleton(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Confusables.Skeleton(NormalizeKey(email).ToLowerInvariant());
    }

    /// <summary>Trims a display name, returns <see langword="null"/> for blank input.</summary>
    public static string? CleanName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        UnicodeSupport.EnsureAvailable();
        return value.Trim().Normalize(NormalizationForm.FormC);
    }

    /// <summary>A password as it is checked, hashed and verified: NFKC (RFC 8265's OpaqueString uses NFC; NFKC also folds width).</summary>
    internal static string Password(string password)
    {
        UnicodeSupport.EnsureAvailable();
        return password.Normalize(NormalizationForm.FormKC);
    }
}
