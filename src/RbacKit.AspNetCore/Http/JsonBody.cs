using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RbacKit.AspNetCore;

/// <summary>
/// Reads a JSON request body under RbacKit's rules so bad input is a problem response, never a 500: not
/// <c>application/json</c> (the type the OpenAPI document states; suffix types such as <c>application/vnd.x+json</c> too) -> 415,
/// larger than the limit -> 413, empty, malformed or of the wrong shape -> 400 <c>invalid_json</c>.
/// </summary>
internal static class JsonBody
{
    /// <summary>Reads and deserializes the body; <paramref name="keepRaw"/> also returns its bytes (for extension fields).</summary>
    public static async ValueTask<JsonBody<T>> ReadAsync<T>(HttpContext context, int limit, bool keepRaw = false)
        where T : class
    {
        var request = context.Request;
        if (request.ContentType is not { } type || !JsonMediaType.IsApplicationJson(type))
        {
            return Fail<T>(StatusCodes.Status415UnsupportedMediaType, RbacErrorCodes.UnsupportedMediaType, "The body must be JSON (Content-Type: application/json).");
        }

        if (request.ContentLength > limit)
        {
            return TooLarge<T>(limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, 4096) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        return TooLarge<T>(limit);
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read;
                try
                {
                    read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false);
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    return TooLarge<T>(limit);
                }

                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return TooLarge<T>(limit);
                }
            }

            return Parse<T>(buffer.AsSpan(0, length), keepRaw);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonBody<T> Parse<T>(ReadOnlySpan<byte> utf8, bool keepRaw)
        where T : class
    {
        if (utf8.IsEmpty)
        {
            return Fail<T>(StatusCodes.Status400BadRequest, RbacErrorCodes.InvalidJson, "A JSON body is required.");
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(utf8, RbacKitJson.Options);
            return value is null
                ? Fail<T>(StatusCodes.Status400BadRequest, RbacErrorCodes.InvalidJson, "The body must be a JSON object.")
                : new JsonBody<T>(value, keepRaw ? utf8.ToArray() : default, null);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at {ex.Path}";
            return Fail<T>(StatusCodes.Status400BadRequest, RbacErrorCodes.InvalidJson, $"The body is not valid JSON of the expected shape{where}.");
        }
        catch (NotSupportedException)
        {
            return Fail<T>(StatusCodes.Status400BadRequest, RbacErrorCodes.InvalidJson, "The body is not valid JSON of the expected shape.");
        }
    }

    private static JsonBody<T> TooLarge<T>(int limit)
        where T : class =>
        Fail<T>(StatusCodes.Status413PayloadTooLarge, RbacErrorCodes.PayloadTooLarge, $"The body must be at most {limit} bytes.");

    private static JsonBody<T> Fail<T>(int status, string code, string detail)
        where T : class =>
        new(null, default, RbacProblems.Create(status, code, detail));
}

/// <summary>A read body: the value and its raw bytes, or the problem to answer with.</summary>
internal readonly record struct JsonBody<T>(T? Value, ReadOnlyMemory<byte> Raw, ProblemHttpResult? Problem)
    where T : class;
