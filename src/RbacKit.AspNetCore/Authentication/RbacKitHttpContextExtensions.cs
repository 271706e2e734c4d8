using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>Reads the RbacKit caller of a request.</summary>
public static class RbacKitHttpContextExtensions
{
    /// <summary>The authenticated RbacKit caller, or <see langword="null"/> when the request carries no valid token.</summary>
    public static IRbacKitUserFeature? GetRbacKitUser(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IRbacKitUserFeature>();
    }

    /// <summary>The authenticated caller; throws when the endpoint was reached without RbacKit authentication (a missing requirement).</summary>
    internal static IRbacKitUserFeature RequireRbacKitUser(this HttpContext context) =>
        context.Features.Get<IRbacKitUserFeature>()
        ?? throw new InvalidOperationException("RbacKit: this endpoint needs an authenticated RbacKit user; add RequireAuthorization() or RequirePermission(...).");
}
