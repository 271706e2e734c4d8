using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RbacKit.AspNetCore;

/// <summary>
/// Documents the <c>Retry-After</c> header (whole seconds, at least 1) that every 429 and 503 answer carries: the time
/// left in the rate-limit window or lockout, or the wait before retrying while a dependency is down.
/// </summary>
internal sealed class RetryAfterHeaderTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] Statuses = ["429", "503"];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Responses is not { } responses)
        {
            return Task.CompletedTask;
        }

        foreach (var status in Statuses)
        {
            if (responses.TryGetValue(status, out var response) && response is OpenApiResponse concrete)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
                concrete.Headers.TryAdd("Retry-After", new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Required = true,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" },
                });
            }
        }

        return Task.CompletedTask;
    }
}
