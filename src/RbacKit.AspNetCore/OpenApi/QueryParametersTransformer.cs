using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RbacKit.AspNetCore;

/// <summary>Documents the query parameters of RbacKit endpoints that read their query themselves (paged lists).</summary>
internal sealed class QueryParametersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParametersMetadata>().LastOrDefault() is not { } query)
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        foreach (var (name, type, format, description) in query.Parameters)
        {
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Query && string.Equals(p.Name, name, StringComparison.Ordinal)))
            {
                continue;
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Required = false,
                Description = description,
                Schema = new OpenApiSchema { Type = type == "integer" ? JsonSchemaType.Integer : JsonSchemaType.String, Format = format },
            });
        }

        return Task.CompletedTask;
    }
}
