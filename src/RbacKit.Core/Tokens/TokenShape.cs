namespace RbacKit.Tokens;

/// <summary>Cheap structural checks before any parsing: exactly three non-empty base64url segments (a JWS, not a JWE).</summary>
internal static class TokenShape
{
    public static TokenFailure Check(string token)
    {
        var segments = 1;
        var segmentLength = 0;
        foreach (var c in token)
        {
            if (c == '.')
            {
                if (segmentLength == 0)
                {
                    return TokenFailure.Malformed;
                }

                segments++;
                segmentLength = 0;
                continue;
            }

            if (!IsBase64Url(c))
            {
                return TokenFailure.Malformed;
            }

            segmentLength++;
        }

        return segments == 3 && segmentLength > 0 ? TokenFailure.None : TokenFailure.Malformed;
    }

    private static bool IsBase64Url(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
}
