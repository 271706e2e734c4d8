using System.Text.Json;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Administration;

internal sealed class AuditLogService(IAuditEventStore events) : IAuditLogService
{
    /// <summary>The name audit cursors are bound to.</summary>
    public const string List = "audit-events";

    public async Task<RbacResult<PagedResult<AuditEntry>>> GetPageAsync(Guid? actorId, string? targetId, int page, int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, cursor, List, PageKeyKind.Time, out var request) is { } invalid)
        {
            return invalid;
        }

        if (targetId is { Length: > 64 })
        {
            return RbacError.Validation("target", "target must be at most 64 characters.");
        }

        var found = await events.GetPageAsync(actorId, string.IsNullOrEmpty(targetId) ? null : targetId, request, cancellationToken).ConfigureAwait(false);
        return found.Map(ToEntry);
    }

    private static AuditEntry ToEntry(AuditEvent e) =>
        new(e.Id, e.At, e.ActorId, e.Action, e.TargetType, e.TargetId, Json(e.Before), Json(e.After));

    private static JsonElement? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Written by RbacKit as JSON; anything else is shown as the string it is.
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
