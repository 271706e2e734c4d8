using RbacKit;
using RbacKit.AspNetCore;

namespace CinemaAuthHost.Pages.Admin;

/// <summary>
/// Turns what a Core service refused into a sentence that says what happened and what to do. The rules themselves stay in
/// the services (escalation, system roles, the last superadmin); this only words their answers for a person.
/// </summary>
public static class AdminMessages
{
    /// <summary>A message for <paramref name="error"/>; <paramref name="subject"/> names what the user acted on (a role, a client).</summary>
    public static string Describe(RbacError error, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var what = subject is null ? "this" : $"“{subject}”";
        switch (error.Code)
        {
            case RbacErrorCodes.PrivilegeEscalation when Field(error, "permissions") is { Length: > 0 } lacking:
                return $"You cannot do this with {what}: it includes {Join(lacking)}, which you do not hold yourself. "
                    + "Ask someone who holds those permissions (a superadmin) to do it, or choose something within your own permissions.";
            case RbacErrorCodes.PrivilegeEscalation:
                return $"{error.Message} Ask a superadmin to do it.";
            case RbacErrorCodes.SystemRole:
                return $"{error.Message} Create a new role for a different set of permissions.";
            case RbacErrorCodes.RoleNameTaken:
                return $"A role named {what} already exists. Choose another name, or edit the existing role.";
            case RbacErrorCodes.NotFound:
                return $"{error.Message} It may have been deleted meanwhile; go back to the list and reload it.";
            case RbacErrorCodes.Forbidden:
                return "You are not allowed to do this. Ask an administrator for the permission.";
            case RbacErrorCodes.ValidationFailed or RbacErrorCodes.UnknownPermission when error.Errors is { Count: > 0 } errors:
                return $"{error.Message} {string.Join(" ", errors.SelectMany(e => e.Value).Distinct(StringComparer.Ordinal))} Correct it and submit again.";
            case RbacErrorCodes.ValidationFailed or RbacErrorCodes.UnknownPermission:
                return $"{error.Message} Correct it and submit again.";
            default:
                // last_superadmin, concurrency_conflict, ...: the service's own message already says what to do.
                return error.Message;
        }
    }

    /// <summary>The status the API answers for <paramref name="error"/>, so the page and the API agree.</summary>
    public static int StatusCode(RbacError error) => error?.Kind.ToStatusCode() ?? StatusCodes.Status400BadRequest;

    private static string[]? Field(RbacError error, string field) =>
        error.Errors is { } errors && errors.TryGetValue(field, out var values) ? values : null;

    private static string Join(string[] names) =>
        names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
}
