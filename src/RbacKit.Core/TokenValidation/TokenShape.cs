using System.Buffers;

namespace RbacKit.TokenValidation;

/// <summary>Cheap structural checks before any parsing: exactly three non-empty base64url segments (a JWS, not a JWE).</summary>
internal static class TokenShape
{
    private static readonly SearchValues<char> Base64UrlOrDot =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>Checks the shape (vectorized) and returns the positions of the two dots.</summary>
    public static TokenFailure Split(ReadOnlySpan<char> token, out int firstDot, out int secondDot)
    {
        firstDot = token.IndexOf('.');
        secondDot = -1;
        if (firstDot <= 0 || token.ContainsAnyExcept(Base64UrlOrDot))
        {
            return TokenFailure.Malformed;
        }

        var second = token[(firstDot + 1)..].IndexOf('.');
        if (second <= 0)
        {
            return TokenFailure.Malformed;
        }

        secondDot = firstDot + 1 + second;
        var signature = token[(secondDot + 1)..];
        return signature.IsEmpty || signature.Contains('.') ? TokenFailure.Malformed : TokenFailure.None;
    }
}
