using Microsoft.AspNetCore.Mvc.Filters;

namespace CinemaAuthHost.Web;

/// <summary>Every page answer is <c>Cache-Control: no-store</c>: pages show personal data and carry antiforgery tokens.</summary>
internal sealed class PageResponseFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return next();
    }
}
