namespace RbacKit.AspNetCore;

/// <summary>
/// Endpoint metadata: the endpoint reads these query parameters itself (documented by the OpenAPI transformer).
/// </summary>
/// <param name="Parameters">Name, JSON type (<c>string</c>, <c>integer</c>), format (or null) and description of each.</param>
internal sealed record QueryParametersMetadata(IReadOnlyList<(string Name, string Type, string? Format, string Description)> Parameters)
{
    /// <summary>The parameters of a paged list (<see cref="QueryPaging"/>), then <paramref name="extra"/>.</summary>
    public static QueryParametersMetadata Paged(params (string Name, string Type, string? Format, string Description)[] extra) => new(
    [
        .. extra,
        ("page", "integer", "int32", $"1-based page (default 1); page * pageSize may not exceed {Paging.MaxOffset}: go deeper with cursor. Ignored with cursor."),
        ("pageSize", "integer", "int32", $"Items per page, 1 to {Paging.MaxPageSize} (default {QueryPaging.DefaultPageSize})."),
        ("cursor", "string", null, "The nextCursor of the previous page (opaque); continues after it. A malformed or edited cursor answers 400 validation_failed (field cursor)."),
    ]);
}
