using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RbacKit.AspNetCore.Tests;

/// <summary>Minimal APIs guarded by permissions, as a host would write them.</summary>
public static class TestEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/minimal/read", () => "read").RequirePermission("movies:read");
        endpoints.MapPost("/minimal/write", () => "write").RequirePermission("movies:write");
        endpoints.MapGet("/minimal/all", () => "all").RequirePermission("movies:read").RequirePermission("series:read");
        endpoints.MapGet("/minimal/any", () => "any").RequireAnyPermission("movies:write", "series:read");
        endpoints.MapGet("/minimal/whoami", (HttpContext context) =>
        {
            var user = context.GetRbacKitUser()!;
            return new { user.UserId, user.SessionId, user.Roles, name = context.User.Identity!.Name };
        }).RequireAuthorization();
        var group = endpoints.MapGroup("/grouped").RequirePermission("series:read");
        group.MapGet("/", () => "grouped");
    }
}
