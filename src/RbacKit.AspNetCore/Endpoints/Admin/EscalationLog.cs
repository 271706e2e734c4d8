using Microsoft.Extensions.Logging;

namespace RbacKit.AspNetCore;

/// <summary>
/// One structured Warning per refused escalation in the administration endpoints (granting superadmin without being
/// one, handing out permissions the actor lacks, removing the last superadmin): who, on what, what was refused, why.
/// Other failures (validation, not found) are not logged here.
/// </summary>
internal static class EscalationLog
{
    public const string Category = "RbacKit.AspNetCore.Administration";

    /// <summary>Logs <paramref name="error"/> if it is a refused escalation, with what was refused as the guard reported it.</summary>
    public static void Refused(ILoggerFactory loggers, RbacError? error, Guid actorId, string action, string target)
    {
        if (error is not { Code: RbacErrorCodes.PrivilegeEscalation or RbacErrorCodes.LastSuperadmin })
        {
            return;
        }

        var logger = loggers.CreateLogger(Category);
        if (error.Code == RbacErrorCodes.LastSuperadmin)
        {
            AspNetCoreLog.LastSuperadmin(logger, actorId, action, target, RoleDefinitionCollection.Superadmin, error.Code);
        }
        else if (error.Errors?.TryGetValue("role", out var roles) == true)
        {
            AspNetCoreLog.SuperadminRequired(logger, actorId, action, target, string.Join(',', roles), error.Code);
        }
        else
        {
            var permissions = error.Errors?.TryGetValue("permissions", out var names) == true ? string.Join(',', names) : "";
            AspNetCoreLog.PermissionsNotHeld(logger, actorId, action, target, permissions, error.Code);
        }
    }
}
