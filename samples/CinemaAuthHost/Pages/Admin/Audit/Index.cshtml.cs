using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using RbacKit;
using RbacKit.Administration;

namespace CinemaAuthHost.Pages.Admin.Audit;

/// <summary>
/// <c>/admin/audit?actor=&amp;target=&amp;page=&amp;cursor=</c> (audit:read): the audit trail, newest first, through
/// <see cref="IAuditLogService"/> (the service of <c>GET /audit-events</c>), filtered by actor and target.
/// </summary>
public sealed class IndexModel(IAuditLogService audit, IUserAdministrationService users) : AdminPageModel
{
    /// <summary>Events per page.</summary>
    public const int PageSize = 25;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Only events of this actor (a user id).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    /// <summary>Only events about this target (a user, role or client id).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    /// <summary>The cursor of the page after the previous one (from a "next page" link).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    /// <summary>The events of this page.</summary>
    public IReadOnlyList<AuditEntry> Events { get; private set; } = [];

    /// <summary>The result, for the pager.</summary>
    public PagedResult<AuditEntry>? Result { get; private set; }

    /// <summary>The emails of the actors and user targets on this page, when the viewer may read users.</summary>
    public IReadOnlyDictionary<Guid, string> Emails { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>Reads a page.</summary>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.AuditRead) is { } denied)
        {
            return denied;
        }

        Guid? actor = null;
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            if (!Guid.TryParse(Actor.Trim(), out var id))
            {
                Fail(RbacError.Validation("actor", "The actor must be a user id, as shown on the user's page."));
                return Page();
            }

            actor = id;
        }

        var result = await audit.GetPageAsync(actor, string.IsNullOrWhiteSpace(Target) ? null : Target.Trim(), page ?? 1, PageSize, string.IsNullOrEmpty(Cursor) ? null : Cursor, cancellationToken);
        if (!result.Succeeded)
        {
            Fail(result.Error);
            return Page();
        }

        Result = result.Value;
        Events = result.Value.Items;
        if (Can(RbacPermissions.UsersRead))
        {
            Emails = await EmailsAsync(cancellationToken);
        }

        return Page();
    }

    /// <summary>The URL of the next page (by cursor), keeping the filters.</summary>
    public string NextPage() => Links(Result!.Page + 1, Result.NextCursor);

    /// <summary>The URL of the first page, keeping the filters.</summary>
    public string FirstPage() => Links(1, null);

    /// <summary>A JSON snapshot, indented for reading.</summary>
    public static string Show(JsonElement? json) => json is { } value ? JsonSerializer.Serialize(value, Indented) : "";

    private string Links(int page, string? cursor)
    {
        var query = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder();
        foreach (var (key, value) in new[] { ("actor", Actor), ("target", Target), ("page", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null), ("cursor", cursor) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(key, value);
            }
        }

        return "/admin/audit" + query.ToQueryString();
    }

    private async Task<Dictionary<Guid, string>> EmailsAsync(CancellationToken cancellationToken)
    {
        var ids = Events.Select(e => e.ActorId).OfType<Guid>()
            .Concat(Events.Where(e => e.TargetType == "user").Select(e => Guid.TryParse(e.TargetId, out var id) ? id : Guid.Empty))
            .Where(id => id != Guid.Empty).Distinct().ToList();
        var emails = new Dictionary<Guid, string>();
        foreach (var id in ids)
        {
            if ((await users.GetAsync(id, cancellationToken)) is { Succeeded: true } user)
            {
                emails[id] = user.Value.Email;
            }
        }

        return emails;
    }
}
