using Microsoft.AspNetCore.Http;
using RbacKit.Sessions;

namespace RbacKit.AspNetCore;

/// <summary>Where a request came from, for sessions and the login history. Behind a proxy, configure forwarded headers first.</summary>
internal static class ClientInfoFactory
{
    public static ClientInfo From(HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return new ClientInfo(context.Connection.RemoteIpAddress?.ToString(), userAgent.Length == 0 ? null : userAgent);
    }
}
