using System.Globalization;
using RbacKit.Caching;

namespace RbacKit.AspNetCore;

/// <summary>
/// The compact wire form of a change: <c>kind|id|instance</c>, for example <c>2|9f0c...|a1b2...</c>. Kind <c>0</c> is a
/// probe an instance sends to itself to prove its subscription works.
/// </summary>
internal static class ChangeMessage
{
    public const int ProbeKind = 0;

    public static string Encode(int kind, Guid id, string instanceId) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}|{id:N}|{instanceId}");

    public static bool TryDecode(string? text, out int kind, out Guid id, out string instanceId)
    {
        kind = 0;
        id = Guid.Empty;
        instanceId = "";
        if (text is null || text.Length > 128)
        {
            return false;
        }

        var parts = text.Split('|');
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out kind)
            || !Guid.TryParseExact(parts[1], "N", out id) || parts[2].Length == 0)
        {
            return false;
        }

        instanceId = parts[2];
        return kind == ProbeKind || Enum.IsDefined((AuthorizationChangeKind)kind);
    }
}
