using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RbacKit.AspNetCore;

/// <summary>
/// Makes request bodies exact: a required property of a request body refuses <c>null</c> (the endpoints answer 400),
/// so its type loses <c>null</c>; optional properties (constructor parameters with a default) stay as they are.
/// </summary>
internal sealed class RequestSchemaTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var operation in (document.Paths ?? []).SelectMany(p => p.Value.Operations ?? []).Select(o => o.Value))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                if (Resolve(media.Schema, document) is OpenApiSchema schema)
                {
                    RefuseNullInRequired(schema);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static IOpenApiSchema? Resolve(IOpenApiSchema? schema, OpenApiDocument document) =>
        schema is OpenApiSchemaReference { Reference.Id: { } id } && document.Components?.Schemas?.TryGetValue(id, out var target) == true
            ? target
            : schema;

    private static void RefuseNullInRequired(OpenApiSchema schema)
    {
        foreach (var name in schema.Required ?? new HashSet<string>())
        {
            if (schema.Properties?.TryGetValue(name, out var property) == true && property is OpenApiSchema { Type: { } type } concrete)
            {
                concrete.Type = type & ~JsonSchemaType.Null;
            }
        }
    }
}
