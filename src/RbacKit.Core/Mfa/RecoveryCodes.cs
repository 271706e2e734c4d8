using System.Security.Cryptography;
using System.Text;
using RbacKit.Domain;

namespace RbacKit.Mfa;

/// <summary>
/// Recovery codes: 80 bits from the CSPRNG as <c>XXXX-XXXX-XXXX-XXXX</c> (base32), stored as PBKDF2-HMAC-SHA256 of
/// the normalized text with a per-code random 128-bit salt (ASVS 5.0 V6.5).
/// </summary>
/// <remarks>
/// Work factor: <see cref="Iterations"/> = 10,000. A code carries 80 bits from the CSPRNG, so unlike a password it
/// cannot be found from a word list: an offline search of a stolen table costs 2^79 guesses on average per code, each
/// now 10,000 HMAC-SHA256 rounds (about 2^92 compressions), and the salt makes every code a separate search with no
/// precomputation. On the server, verification hashes the typed code once per unused code of the user (at most
/// <see cref="MfaOptions.RecoveryCodeCount"/>, 10 by default): a few milliseconds each, so a full check stays in the
/// tens of milliseconds and behind the login throttle. The count is stored per row, so it can be raised later.
/// </remarks>
internal static class RecoveryCodes
{
    /// <summary>PBKDF2 iterations for new codes (see the remarks).</summary>
    public const int Iterations = 10_000;

    private const int Length = 16;
    private const int SaltLength = 16;
    private const int HashLength = 32;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Create()
    {
        var builder = new StringBuilder(19);
        for (var i = 0; i < Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                builder.Append('-');
            }

            builder.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>The stored form of a freshly created code: a new random salt and its PBKDF2 hash.</summary>
    public static RecoveryCode Protect(Guid id, Guid userId, string code)
    {
        Span<byte> normalized = stackalloc byte[Length];
        if (!TryNormalize(code, normalized))
        {
            throw new ArgumentException("Not a recovery code.", nameof(code));
        }

        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        return new RecoveryCode
        {
            Id = id,
            UserId = userId,
            Salt = salt,
            Iterations = Iterations,
            CodeHash = Rfc2898DeriveBytes.Pbkdf2(normalized, salt, Iterations, HashAlgorithmName.SHA256, HashLength),
        };
    }

    /// <summary>
    /// The first of <paramref name="stored"/> that the typed code (case, spaces and dashes ignored) matches, compared in
    /// constant time; null when none does or the text cannot be a code.
    /// </summary>
    public static RecoveryCode? FindMatch(string? code, IEnumerable<RecoveryCode> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        Span<byte> normalized = stackalloc byte[Length];
        if (!TryNormalize(code, normalized))
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[HashLength];
        foreach (var candidate in stored)
        {
            if (candidate.CodeHash.Length != HashLength || candidate.Iterations <= 0 || candidate.Salt.Length == 0)
            {
                continue;
            }

            Rfc2898DeriveBytes.Pbkdf2(normalized, candidate.Salt, hash, candidate.Iterations, HashAlgorithmName.SHA256);
            if (CryptographicOperations.FixedTimeEquals(hash, candidate.CodeHash))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Whether the typed text can be a code at all (so a malformed one costs no store round trip).</summary>
    public static bool IsWellFormed(string? code) => TryNormalize(code, stackalloc byte[Length]);

    /// <summary>Writes the 16 code characters of the typed text (case, spaces and dashes ignored); false when it cannot be a code.</summary>
    public static bool TryNormalize(string? code, Span<byte> normalized)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 64 || normalized.Length < Length)
        {
            return false;
        }

        var length = 0;
        foreach (var c in code)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (length == Length || !Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return false;
            }

            normalized[length++] = (byte)upper;
        }

        return length == Length;
    }
}
