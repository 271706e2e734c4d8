using System.Security.Cryptography;
using System.Text;

namespace RbacKit.Mfa;

/// <summary>Recovery codes: 80 bits from the CSPRNG as <c>XXXX-XXXX-XXXX-XXXX</c> (base32); stored as SHA-256 of the normalized text.</summary>
internal static class RecoveryCodes
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Create()
    {
        var builder = new StringBuilder(19);
        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                builder.Append('-');
            }

            builder.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>The hash of a code as typed (case, spaces and dashes ignored); null when it cannot be a code.</summary>
    public static byte[]? Hash(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 64)
        {
            return null;
        }

        Span<byte> normalized = stackalloc byte[16];
        var length = 0;
        foreach (var c in code)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (length == 16 || !Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            normalized[length++] = (byte)upper;
        }

        return length == 16 ? SHA256.HashData(normalized) : null;
    }
}
