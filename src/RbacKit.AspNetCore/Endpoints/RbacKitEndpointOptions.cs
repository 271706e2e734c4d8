namespace RbacKit.AspNetCore;

/// <summary>How RbacKit's endpoint groups are mapped. Read when a <c>MapRbacKit...</c> method runs.</summary>
public sealed class RbacKitEndpointOptions
{
    private readonly HashSet<string> _disabled = new(StringComparer.Ordinal);
    private int _maxRequestBodySize = 64 * 1024;

    /// <summary>Largest accepted JSON body in bytes; larger bodies get 413. Default 64 KB.</summary>
    public int MaxRequestBodySize
    {
        get => _maxRequestBodySize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _maxRequestBodySize = value;
        }
    }

    /// <summary>The endpoints that are not mapped (see <see cref="RbacKitEndpointNames"/>).</summary>
    public IReadOnlyCollection<string> DisabledEndpoints => _disabled;

    /// <summary>Leaves an endpoint out, for example <c>Disable(RbacKitEndpointNames.Register)</c> for invitation-only sign-up.</summary>
    public RbacKitEndpointOptions Disable(params string[] endpointNames)
    {
        ArgumentNullException.ThrowIfNull(endpointNames);
        foreach (var name in endpointNames)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            _disabled.Add(name);
        }

        return this;
    }

    /// <summary>Whether an endpoint is mapped.</summary>
    public bool IsEnabled(string endpointName) => !_disabled.Contains(endpointName);
}
