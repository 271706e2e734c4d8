using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace CinemaAuthHost.Errors;

/// <summary>
/// Enforces <see cref="ContentBodyLimitAttribute"/> before binding, the same way for MVC and minimal APIs: a declared
/// length over the limit is refused at once; a body without a length is read up to the limit and replayed to the
/// endpoint. Kestrel's own limit is left alone, so it can drain the unread rest and keep the connection alive (the
/// client then reads the 413 instead of a reset). A body of another type than <c>application/json</c> is 415.
/// </summary>
internal sealed class ContentBodyLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ContentBodyLimitAttribute>() is { } limit)
        {
            RequireApplicationJson(context.Request);
            await EnforceAsync(context.Request, limit.Bytes, context.RequestAborted);
        }

        await next(context);
    }

    /// <summary>
    /// A body is read as JSON only when it says <c>application/json</c>, the one type the OpenAPI document states:
    /// structured-suffix types (<c>application/vnd.x+json</c>), which MVC's <c>[Consumes]</c> and minimal APIs would also
    /// read, are 415 like any other type.
    /// </summary>
    private static void RequireApplicationJson(HttpRequest request)
    {
        if ((HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
            && request.ContentType is { } type
            && !(Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(type, out var parsed)
                && parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            throw new BadHttpRequestException("The body must be JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        }
    }

    private static async Task EnforceAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            if (length > limit)
            {
                throw TooLarge(limit);
            }

            return;
        }

        // No length: HTTP/1.1 chunked, or HTTP/2 and HTTP/3, which need neither header. Whatever can have a body is read.
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return;
        }

        var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        buffer.Position = 0;
        request.Body = buffer;
        request.HttpContext.Response.RegisterForDispose(buffer);
    }

    private static BadHttpRequestException TooLarge(int limit) =>
        new($"The request body must be at most {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
}
