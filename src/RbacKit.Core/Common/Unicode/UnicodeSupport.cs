using System.Text;

namespace RbacKit;

/// <summary>
/// Whether the runtime really normalizes Unicode. With invariant globalization (no ICU) .NET's
/// <see cref="string.Normalize(NormalizationForm)"/> returns its input unchanged, so look-alike emails and passwords would
/// silently stop matching; RbacKit refuses to run its account services that way. Public so that a host's own code that
/// runs before any host starts (command-line verbs) can fail closed with the same check and the same message.
/// </summary>
public static class UnicodeSupport
{
    /// <summary>The start-up failure and the exception message when normalization is unavailable.</summary>
    public const string Message =
        "RbacKit: Unicode normalization (NFKC) does not work in this process: it runs with invariant globalization "
        + "(<InvariantGlobalization>true</InvariantGlobalization> in the project, System.Globalization.Invariant in "
        + "runtimeconfig.json, or the environment variable DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1), so emails and "
        + "passwords cannot be normalized and look-alike addresses would register as new accounts. Set "
        + "InvariantGlobalization to false, unset DOTNET_SYSTEM_GLOBALIZATION_INVARIANT and install ICU (libicu).";

    private static readonly Lazy<bool> Available = new(() => Probe(static (s, form) => s.Normalize(form)));

    /// <summary>Whether NFKC and NFD work in this process.</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary>Throws <see cref="InvalidOperationException"/> with <see cref="Message"/> unless normalization works.</summary>
    public static void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException(Message);
        }
    }

    /// <summary>Fullwidth "ａ" must become "a" under NFKC and "é" must decompose under NFD.</summary>
    internal static bool Probe(Func<string, NormalizationForm, string> normalize) =>
        string.Equals(normalize("\uFF41", NormalizationForm.FormKC), "a", StringComparison.Ordinal)
        && string.Equals(normalize("\u00E9", NormalizationForm.FormD), "e\u0301", StringComparison.Ordinal);
}
