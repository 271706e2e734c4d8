using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RbacKit.AspNetCore;

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
