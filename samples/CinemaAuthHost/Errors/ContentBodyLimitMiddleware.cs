using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace CinemaAuthHost.Errors;

/// <summary>
/// Enforces <see cref="ContentBodyLimitAttribute"/> before binding, the same way for MVC and minimal APIs: a declared
/// length over the limit is refused at once; a body without a length is read up to the limit and replayed to the
/// endpoint. Kestrel's own limit is left alone, so it can drain the unread rest and keep the connection alive (the
/// client then reads the 413 instead of a reset).
/// </summary>
internal sealed class ContentBodyLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ContentBodyLimitAttribute>() is { } limit)
        {
            await EnforceAsync(context.Request, limit.Bytes, context.RequestAborted);
        }

        await next(context);
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
