using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>Writes <c>Retry-After</c> (whole seconds, rounded up, at least 1) before the inner result.</summary>
internal sealed class RetryAfterResult(IResult inner, TimeSpan wait) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
