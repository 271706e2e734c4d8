using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CinemaAuthHost.Hosting;

/// <summary>
/// Documents the answers Kestrel gives before an endpoint runs (made problems by
/// <see cref="Errors.ProtocolRejectionProblems"/>) on every operation whose parameters can cause them: 400 for a path
/// or query value that cannot be read (a NUL character), 414 for a request line over the limit.
/// </summary>
internal sealed class ProtocolResponsesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Parameters is not { Count: > 0 })
        {
            return Task.CompletedTask;
        }

        operation.Responses ??= [];
        Add(operation.Responses, StatusCodes.Status400BadRequest, "Bad Request", context.Document);
        Add(operation.Responses, StatusCodes.Status414UriTooLong, "URI Too Long", context.Document);
        return Task.CompletedTask;
    }

    private static void Add(OpenApiResponses responses, int status, string description, OpenApiDocument? document) =>
        responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
            },
        });
}
