using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RbacKit.AspNetCore;

/// <summary>Documents the JSON (or, for the OAuth endpoints, form) request body of RbacKit endpoints, which read their bodies themselves.</summary>
internal sealed class JsonRequestBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var (type, mediaType, required) = metadata.OfType<JsonRequestBodyMetadata>().LastOrDefault() is { } json
            ? (json.RequestType, "application/json", json.Required)
            : metadata.OfType<FormRequestBodyMetadata>().LastOrDefault() is { } form
                ? (form.RequestType, "application/x-www-form-urlencoded", true)
                : (null, "", false);
        if (type is null)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken).ConfigureAwait(false);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = required,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { [mediaType] = new() { Schema = schema } },
        };
    }
}
