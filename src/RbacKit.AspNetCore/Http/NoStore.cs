using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>
/// <c>Cache-Control: no-store</c> on every response of an endpoint group that hands out tokens or personal data (the
/// auth and account groups): set before the handler runs, and by the authorization result handler for the 401 and 403
/// answers that never reach the handler.
/// </summary>
internal sealed class NoStore
{
    public static readonly NoStore Metadata = new();

    private NoStore()
    {
    }

    public static void Apply(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    public static void ApplyIfMarked(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<NoStore>() is not null)
        {
            Apply(context.Response);
        }
    }
}
