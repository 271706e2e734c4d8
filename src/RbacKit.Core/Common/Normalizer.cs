using System.Globalization;
using System.Text;

namespace RbacKit;

/// <summary>Normalization used for lookups of emails and role names.</summary>
public static class Normalizer
{
    /// <summary>Trims, applies Unicode NFKC and upper-cases invariantly.</summary>
    public static string NormalizeKey(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().Normalize(NormalizationForm.FormKC).ToUpperInvariant();
    }

    /// <summary>Trims a display name, returns <see langword="null"/> for blank input.</summary>
    public static string? CleanName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return value.Trim().Normalize(NormalizationForm.FormC);
    }

    internal static string Lower(string value) => value.ToLower(CultureInfo.InvariantCulture);
}
