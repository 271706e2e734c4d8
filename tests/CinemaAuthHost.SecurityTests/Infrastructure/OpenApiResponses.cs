using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CinemaAuthHost.SecurityTests;

/// <summary>
/// Checks a response against the OpenAPI document it was made from: its status is documented for the operation, its
/// content type is one the document declares for that status (and no body where it declares none), and its body is valid
/// against the declared schema. Schemas are evaluated by JsonSchema.Net as JSON Schema 2020-12, the dialect of OpenAPI
/// 3.1, with <c>format</c> asserted; <c>#/components/schemas/X</c> references resolve into the document's components.
/// </summary>
public sealed class OpenApiResponses
{
    private const string ComponentPrefix = "#/components/schemas/";

    private readonly JsonObject _paths;
    private readonly JsonObject _definitions;
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly EvaluationOptions _options = new()
    {
        EvaluateAs = SpecVersion.Draft202012,
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    public OpenApiResponses(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var copy = document.DeepClone();
        PointReferencesAtDefinitions(copy);
        _paths = copy["paths"]!.AsObject();
        _definitions = copy["components"]?["schemas"]?.AsObject() ?? [];
    }

    /// <summary>What is wrong with a response of <paramref name="method"/> <paramref name="pathTemplate"/>; empty when it matches the document.</summary>
    public IReadOnlyList<string> Check(string pathTemplate, string method, HttpResponseMessage response, string body)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (_paths[pathTemplate]?[method.ToLowerInvariant()]?["responses"] is not JsonObject responses)
        {
            return [$"{method} {pathTemplate} is not in the document"];
        }

        if ((responses[status] ?? responses[$"{status[0]}XX"] ?? responses["default"]) is not JsonObject documented)
        {
            return [$"status {status} is not documented (documented: {string.Join(", ", responses.Select(r => r.Key))})"];
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (documented["content"] is not JsonObject { Count: > 0 } content)
        {
            return body.Length == 0 ? [] : [$"status {status} documents no body, got {mediaType ?? "no content type"}: {body}"];
        }

        var declared = content.FirstOrDefault(c => string.Equals(c.Key, mediaType, StringComparison.OrdinalIgnoreCase));
        if (declared.Key is null)
        {
            return [$"content type {mediaType ?? "(none)"} with a {body.Length}-character body is not declared for {status} (declared: {string.Join(", ", content.Select(c => c.Key))})"];
        }

        if (declared.Value?["schema"] is not { } schemaNode)
        {
            return [];
        }

        JsonNode? instance;
        try
        {
            instance = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            return [$"the {mediaType} body is not JSON ({e.Message}): {body}"];
        }

        var results = SchemaFor($"{method} {pathTemplate} {status} {declared.Key}", schemaNode).Evaluate(instance, _options);
        return results.IsValid ? [] : [$"the body does not match the {status} schema: {Describe(results)}; body: {body}"];
    }

    private JsonSchema SchemaFor(string key, JsonNode schemaNode)
    {
        if (!_schemas.TryGetValue(key, out var schema))
        {
            // The response's schema with the document's component schemas beside it as $defs, so its references resolve.
            var root = schemaNode.DeepClone().AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = _definitions.DeepClone();
            schema = JsonSchema.FromText(root.ToJsonString());
            _schemas[key] = schema;
        }

        return schema;
    }

    private static string Describe(EvaluationResults results) =>
        string.Join("; ", results.Details.Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation} ({d.EvaluationPath}): {string.Join(", ", d.Errors!.Values)}")
            .Take(5));

    private static void PointReferencesAtDefinitions(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target) && target.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                {
                    obj["$ref"] = "#/$defs/" + target[ComponentPrefix.Length..];
                }

                foreach (var (_, child) in obj.ToList())
                {
                    PointReferencesAtDefinitions(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    PointReferencesAtDefinitions(child);
                }

                break;
        }
    }
}
