namespace CinemaAuthHost.Errors;

/// <summary>Endpoint metadata: the largest request body (bytes) <see cref="ContentBodyLimitMiddleware"/> lets through.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class ContentBodyLimitAttribute(int bytes) : Attribute
{
    /// <summary>64 KB: far more than any content item needs.</summary>
    public const int Default = 64 * 1024;

    public int Bytes { get; } = bytes;
}
