using System.Net;

namespace RbacKit.AspNetCore;

/// <summary>https everywhere; plain http only to a loopback host.</summary>
internal static class SecureUrl
{
    public static bool IsAllowed(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps
        || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address))));
}
