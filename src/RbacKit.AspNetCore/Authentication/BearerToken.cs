using Microsoft.Extensions.Primitives;

namespace RbacKit.AspNetCore;

/// <summary>Reads <c>Authorization: Bearer &lt;token&gt;</c> (RFC 6750, section 2.1).</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer";

    /// <summary>What the header holds.</summary>
    public enum Presence
    {
        /// <summary>No bearer credentials: no header, or another scheme.</summary>
        Absent,
        /// <summary>A bearer token.</summary>
        Present,
        /// <summary>Bearer credentials that cannot be a token (empty, several headers, spaces).</summary>
        Malformed,
    }

    /// <summary>Reads the header; <paramref name="token"/> is a slice of it (no copy).</summary>
    public static Presence Read(StringValues header, out ReadOnlyMemory<char> token)
    {
        token = ReadOnlyMemory<char>.Empty;
        if (StringValues.IsNullOrEmpty(header))
        {
            return Presence.Absent;
        }

        if (header.Count > 1)
        {
            return header.Any(IsBearer) ? Presence.Malformed : Presence.Absent;
        }

        var value = header.ToString();
        if (!IsBearer(value))
        {
            return Presence.Absent;
        }

        token = value.AsMemory(Scheme.Length).Trim();
        return token.Length == 0 || token.Span.Contains(' ') ? Presence.Malformed : Presence.Present;
    }

    private static bool IsBearer(string? value) =>
        value is not null && value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && (value.Length == Scheme.Length || value[Scheme.Length] == ' ');
}
