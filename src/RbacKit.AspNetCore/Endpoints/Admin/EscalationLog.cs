using Microsoft.Extensions.Logging;
using RbacKit.Permissions;

namespace RbacKit.AspNetCore;

/// <summary>
/// One structured Warning per refused escalation in the administration endpoints (granting superadmin without being
/// one, handing out permissions the actor lacks, removing the last superadmin): who, on what, what was refused, why.
/// Other failures (validation, not found) are not logged here.
/// </summary>
internal static class EscalationLog
{
    public const string Category = "RbacKit.AspNetCore.Administration";

    /// <summary>Logs <paramref name="error"/> if it is a refused escalation; <paramref name="refused"/> names what was refused.</summary>
    public static void Refused(ILoggerFactory loggers, RbacError? error, Guid actorId, string action, string target, Func<string> refused)
    {
        if (error is not { Code: RbacErrorCodes.PrivilegeEscalation or RbacErrorCodes.LastSuperadmin })
        {
            return;
        }

        var logger = loggers.CreateLogger(Category);
        var what = refused();
        if (error.Code == RbacErrorCodes.LastSuperadmin)
        {
            AspNetCoreLog.LastSuperadmin(logger, actorId, action, target, what, error.Code);
        }
        else if (string.Equals(what, RoleDefinitionCollection.Superadmin, StringComparison.OrdinalIgnoreCase)
            || error.Message.StartsWith("Only a superadmin", StringComparison.Ordinal))
        {
            AspNetCoreLog.SuperadminRequired(logger, actorId, action, target, what, error.Code);
        }
        else
        {
            AspNetCoreLog.PermissionsNotHeld(logger, actorId, action, target, what, error.Code);
        }
    }

    /// <summary>The permissions among <paramref name="patterns"/> that <paramref name="user"/> does not hold, comma separated.</summary>
    public static string Lacking(PermissionCatalog catalog, IRbacKitUserFeature user, IEnumerable<string>? patterns)
    {
        var lacking = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns ?? [])
        {
            if (!catalog.TryExpand(pattern, out var set))
            {
                continue;
            }

            foreach (var name in catalog.GetNames(set))
            {
                if (catalog.TryGetId(name, out var id) && !user.Permissions.Contains(id))
                {
                    lacking.Add(name);
                }
            }
        }

        return string.Join(',', lacking);
    }
}
