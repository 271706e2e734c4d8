using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CinemaAuthHost.Hosting;

/// <summary>
/// Headers on every response: <c>X-Content-Type-Options: nosniff</c> everywhere, and on the interactive docs page
/// (<c>/docs</c>, Scalar, served from the host itself) a Content-Security-Policy that allows only the host's own scripts
/// plus the page's inline bootstrap script by its SHA-256 hash. On the server-rendered pages (<see cref="Web.WebPages.Prefixes"/>)
/// a strict policy: everything from 'self', no inline script or style at all, forms post only to the host, no framing,
/// no referrer (the reset and confirmation links carry their token in the query).
/// </summary>
internal sealed partial class SecurityHeaders(RequestDelegate next)
{
    public const string DocsPath = "/docs";

    // Scalar builds its UI with inline styles (style attributes and injected <style> elements), so styles need
    // 'unsafe-inline'; scripts do not: the bootstrap script is allowed by hash, everything else must come from 'self'.
    private const string DocsPolicy =
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The pages' Content-Security-Policy.</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        }, context.Response);

        if (Web.WebPages.IsPagePath(context.Request.Path))
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.ContentSecurityPolicy = PagePolicy;
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            }, context.Response);
            await next(context);
            return;
        }

        if (!context.Request.Path.StartsWithSegments(DocsPath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        // The docs pages are small: buffer them to hash their inline scripts before the headers go out.
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var hashes = "";
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            hashes = string.Concat(InlineScript().Matches(html).Select(m => $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'"));
        }

        context.Response.Headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'self'{hashes}; {DocsPolicy}";
        if (!context.Response.HasStarted && buffer.Length > 0)
        {
            context.Response.ContentLength = buffer.Length;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    [GeneratedRegex("<script(?:\\s+type=\"module\")?\\s*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex InlineScript();
}
