using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CinemaAuthHost.SecurityTests;

public sealed class FuzzFixture : SecurityHostFixture
{
    protected override string Name => "fuzz";

    // Fuzzed wrong current passwords count toward the lockout; the fuzzer logs its accounts in again and must not lock them.
    protected override (string Key, string Value)[] Settings => [("RbacKit:Lockout:MaxFailedAttempts", "1000000")];
}

/// <summary>
/// A seeded fuzz pass over every operation of /openapi/v1.json: random and boundary values for path, query and body,
/// with and without a token. Zero 5xx, and every response as the document says (<see cref="OpenApiResponses"/>): a
/// documented status, a declared content type, a body valid against its schema. Set RBACKIT_FUZZ_SEED to replay a run, RBACKIT_FUZZ_PER_OPERATION for more requests.
/// </summary>
public sealed class OpenApiFuzzTests(FuzzFixture fixture, ITestOutputHelper output) : IClassFixture<FuzzFixture>
{
    private const int DefaultSeed = 20260707;
    private SecurityHost Host => fixture.Host;

    private static readonly string[] Strings =
    [
        "", " ", "a", "movies:read", "superadmin", "user@example.com", "' OR 1=1 --", "<script>", "../../etc/passwd", "%00", "\u0000",
        "🎬", "null", "true", "-1", "0", "99999999999999999999", "1e309", "NaN", "*", "roles:*", new string('x', 300), new string('é', 2000),
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ];

    private static readonly JsonNode?[] Scalars =
    [
        null, true, false, 0, -1, 1, int.MaxValue, int.MinValue, long.MaxValue, 1.5, -0.0, 1e308,
        "", "x", new JsonArray(), new JsonObject(), new JsonArray(1, "a", null),
    ];

    [Fact]
    public async Task Every_operation_survives_random_and_boundary_input_and_answers_as_documented()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("RBACKIT_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var perOperation = int.TryParse(Environment.GetEnvironmentVariable("RBACKIT_FUZZ_PER_OPERATION"), CultureInfo.InvariantCulture, out var n) ? n : 12;
        output.WriteLine($"fuzz seed {seed} (replay with RBACKIT_FUZZ_SEED={seed}), {perOperation} requests per operation");
        var random = new Random(seed);

        using var anonymous = Host.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]?["schemas"]?.AsObject();
        var contract = new OpenApiResponses(document);
        var ids = await KnownIdsAsync();
        var token = (await Host.LoginAsync(Api.Superadmin)).AccessToken;
        var userToken = (await Host.LoginAsync(Api.User)).AccessToken;

        var failures = new List<string>();
        var sent = 0;
        var operations = 0;
        var statuses = new SortedDictionary<int, int>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" || operationNode is not JsonObject operation)
                {
                    continue;
                }

                operations++;
                for (var i = 0; i < perOperation; i++)
                {
                    var url = BuildUrl(path, operation, item["parameters"] as JsonArray, random, ids);
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
                    var auth = random.Next(10);
                    if (auth < 7)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }
                    else if (auth < 9)
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", userToken);
                    }

                    string? body = null;
                    if (operation["requestBody"] is JsonObject requestBody)
                    {
                        var schema = requestBody["content"]?["application/json"]?["schema"];
                        body = random.Next(8) switch
                        {
                            0 => RandomString(random),
                            1 => "{}",
                            _ => Generate(schema, schemas, random, ids, depth: 0)?.ToJsonString() ?? "null",
                        };
                        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                    }

                    HttpResponseMessage response;
                    try
                    {
                        response = await anonymous.SendAsync(request);
                    }
                    catch (HttpRequestException e)
                    {
                        failures.Add($"{method.ToUpperInvariant()} {url} body={Short(body)}: connection error {e.Message}");
                        continue;
                    }

                    using (response)
                    {
                        sent++;
                        var status = (int)response.StatusCode;
                        statuses[status] = statuses.GetValueOrDefault(status) + 1;
                        var answer = await response.Content.ReadAsStringAsync();
                        if (status >= 500)
                        {
                            failures.Add($"{method.ToUpperInvariant()} {url} body={Short(body)} -> {status} {Short(answer)}");
                        }

                        foreach (var mismatch in contract.Check(path, method, response, answer))
                        {
                            failures.Add($"{method.ToUpperInvariant()} {Short(url, 160)} body={Short(body)} -> {status}: {Short(mismatch, 600)}");
                        }

                        if (status == 401 && request.Headers.Authorization?.Parameter == token)
                        {
                            token = (await Host.LoginAsync(Api.Superadmin)).AccessToken; // a fuzzed call ended the session
                        }
                        else if (status == 401 && request.Headers.Authorization?.Parameter == userToken)
                        {
                            userToken = (await Host.LoginAsync(Api.User)).AccessToken;
                        }
                    }
                }
            }
        }

        Figures.Record(output, "fuzz.openapi", $"seed={seed} operations={operations} requests={sent} failures={failures.Count} statuses={string.Join(' ', statuses.Select(p => $"{p.Key}:{p.Value}"))}");
        Assert.True(operations >= 30, $"only {operations} operations in the OpenAPI document");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} failures:\n{string.Join('\n', failures.Take(30))}");
    }

    private async Task<List<string>> KnownIdsAsync()
    {
        using var admin = await Host.ClientAsync(Api.Superadmin);
        var ids = new List<string>();
        foreach (var user in (await (await admin.GetAsync("/users?pageSize=50")).JsonAsync()).GetProperty("items").EnumerateArray())
        {
            ids.Add(user.GetProperty("id").GetString()!);
        }

        foreach (var role in (await (await admin.GetAsync("/roles")).JsonAsync()).EnumerateArray())
        {
            ids.Add(role.GetProperty("id").GetString()!);
        }

        return ids;
    }

    private static string BuildUrl(string path, JsonObject operation, JsonArray? shared, Random random, List<string> ids)
    {
        var parameters = (operation["parameters"] as JsonArray ?? []).Concat(shared ?? []).OfType<JsonObject>().ToList();
        var query = new List<string>();
        foreach (var parameter in parameters)
        {
            var name = (string)parameter["name"]!;
            var value = ParameterValue(parameter["schema"], random, ids);
            if ((string?)parameter["in"] == "path")
            {
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(NonEmpty(value)), StringComparison.Ordinal);
            }
            else if ((string?)parameter["in"] == "query" && random.Next(4) != 0)
            {
                query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
            }
        }

        // Any placeholder not described as a parameter still gets a value.
        while (path.IndexOf('{', StringComparison.Ordinal) is var open and >= 0 && path.IndexOf('}', open) is var close and > 0)
        {
            path = path[..open] + Uri.EscapeDataString(NonEmpty(ParameterValue(null, random, ids))) + path[(close + 1)..];
        }

        if (random.Next(6) == 0)
        {
            var name = RandomString(random);
            query.Add($"{Uri.EscapeDataString(name[..Math.Min(5, name.Length)])}=x");
        }

        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private static string ParameterValue(JsonNode? schema, Random random, List<string> ids)
    {
        var format = (string?)schema?["format"];
        var type = schema?["type"]?.ToString();
        return random.Next(5) switch
        {
            0 => Strings[random.Next(Strings.Length)],
            1 when ids.Count > 0 => ids[random.Next(ids.Count)],
            _ when format == "uuid" => random.Next(3) == 0 ? Guid.Empty.ToString() : new Guid(RandomBytes(random, 16)).ToString(),
            _ when type is not null && type.Contains("integer", StringComparison.Ordinal) =>
                new[] { "0", "-1", "1", "2147483647", "2147483648", "-2147483648", "9223372036854775808" }[random.Next(7)],
            _ => RandomString(random),
        };
    }

    // A path parameter is never empty: "/users//roles" is another route, not a value of {id}.
    private static string NonEmpty(string value) => value.Length == 0 ? "x" : value;

    private static JsonNode? Generate(JsonNode? schema, JsonObject? schemas, Random random, List<string> ids, int depth)
    {
        if (random.Next(12) == 0 || depth > 4)
        {
            return Scalars[random.Next(Scalars.Length)]?.DeepClone();
        }

        if (schema?["$ref"] is JsonNode reference)
        {
            var name = ((string)reference!).Split('/')[^1];
            return Generate(schemas?[name], schemas, random, ids, depth + 1);
        }

        var type = schema?["type"]?.ToString() ?? "object";
        if (type.Contains("object", StringComparison.Ordinal) || schema?["properties"] is not null)
        {
            var result = new JsonObject();
            foreach (var (name, property) in schema?["properties"]?.AsObject() ?? [])
            {
                if (random.Next(5) != 0)
                {
                    result[name] = Generate(property, schemas, random, ids, depth + 1);
                }
            }

            if (random.Next(5) == 0)
            {
                result["roles"] = new JsonArray("superadmin");
                result["isActive"] = false;
            }

            return result;
        }

        if (type.Contains("array", StringComparison.Ordinal))
        {
            var array = new JsonArray();
            var count = random.Next(4) == 0 ? random.Next(50, 300) : random.Next(0, 4);
            for (var i = 0; i < count; i++)
            {
                array.Add(Generate(schema?["items"], schemas, random, ids, depth + 1));
            }

            return array;
        }

        if (type.Contains("integer", StringComparison.Ordinal) || type.Contains("number", StringComparison.Ordinal))
        {
            return random.Next(6) switch
            {
                0 => int.MaxValue,
                1 => -1,
                2 => 0,
                3 => long.MinValue,
                4 => 1e300,
                _ => random.Next(-1000, 1000),
            };
        }

        if (type.Contains("boolean", StringComparison.Ordinal))
        {
            return random.Next(2) == 0;
        }

        return (string?)schema?["format"] == "uuid" && random.Next(2) == 0
            ? (ids.Count > 0 && random.Next(2) == 0 ? ids[random.Next(ids.Count)] : Guid.NewGuid().ToString())
            : random.Next(3) == 0 ? Strings[random.Next(Strings.Length)] : RandomString(random);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomString(Random random)
    {
        var length = random.Next(4) == 0 ? random.Next(200, 3000) : random.Next(0, 40);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(10) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => (char)random.Next(0x400, 0x4FF),
                2 => "\"\\/{}[]<>'%$#"[random.Next(13)],
                _ => (char)random.Next('a', 'z' + 1),
            });
        }

        return builder.ToString();
    }

    private static string Short(string? text, int max = 200) => text is null ? "-" : text.Length <= max ? text : text[..max] + "...";
}
