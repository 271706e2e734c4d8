using System.Diagnostics;

namespace RbacKit;

/// <summary>Core's activities (<c>RbacKit.Login</c>, <c>RbacKit.Refresh</c>) on the source named <see cref="RbacKitDiagnostics.ActivitySourceName"/>. No tag carries a secret.</summary>
internal static class RbacKitTracing
{
    public static ActivitySource Source { get; } = new(RbacKitDiagnostics.ActivitySourceName);

    /// <summary>Tags the current activity when it is one of RbacKit's (never the host's request span).</summary>
    public static void Tag(string key, string value)
    {
        if (Activity.Current is { } current && ReferenceEquals(current.Source, Source))
        {
            current.SetTag(key, value);
        }
    }
}
