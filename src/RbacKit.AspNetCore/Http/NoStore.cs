using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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

/// <summary>Marks a route group as never cached.</summary>
internal static class NoStoreGroupExtensions
{
    public static RouteGroupBuilder WithNoStore(this RouteGroupBuilder group)
    {
        group.WithMetadata(NoStore.Metadata);
        group.AddEndpointFilter(static (context, next) =>
        {
            NoStore.Apply(context.HttpContext.Response);
            return next(context);
        });
        return group;
    }
}
