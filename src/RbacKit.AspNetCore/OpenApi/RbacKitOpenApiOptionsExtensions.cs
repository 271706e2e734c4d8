using RbacKit.AspNetCore;

namespace Microsoft.AspNetCore.OpenApi;

/// <summary>Documents RbacKit in OpenAPI documents made by Microsoft.AspNetCore.OpenApi.</summary>
public static class RbacKitOpenApiOptionsExtensions
{
    /// <summary>
    /// Adds the <c>Bearer</c> (JWT) security scheme, a security requirement on every operation whose endpoint needs
    /// authorization (<c>RequireAuthorization</c>, <c>[Authorize]</c>, <c>RequirePermission</c>) unless it allows
    /// anonymous access, the JSON request bodies and the query parameters (paging, cursor) of RbacKit's endpoints,
    /// required request properties that refuse <c>null</c>, and the <c>Retry-After</c> header of every 429 and 503 answer.
    /// </summary>
    public static OpenApiOptions AddRbacKit(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
        options.AddOperationTransformer<BearerSecurityRequirementTransformer>();
        options.AddOperationTransformer<JsonRequestBodyTransformer>();
        options.AddOperationTransformer<QueryParametersTransformer>();
        options.AddDocumentTransformer<RequestSchemaTransformer>();
        options.AddOperationTransformer<RetryAfterHeaderTransformer>();
        return options;
    }
}
