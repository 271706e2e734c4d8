using RbacKit.AspNetCore;

namespace Microsoft.AspNetCore.OpenApi;

/// <summary>Documents RbacKit's bearer authentication in OpenAPI documents made by Microsoft.AspNetCore.OpenApi.</summary>
public static class RbacKitOpenApiOptionsExtensions
{
    /// <summary>
    /// Adds the <c>Bearer</c> (JWT) security scheme and a security requirement on every operation whose endpoint needs
    /// authorization (<c>RequireAuthorization</c>, <c>[Authorize]</c>, <c>RequirePermission</c>), unless it allows anonymous access.
    /// </summary>
    public static OpenApiOptions AddRbacKitBearerSecurity(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
        options.AddOperationTransformer<BearerSecurityRequirementTransformer>();
        return options;
    }
}
