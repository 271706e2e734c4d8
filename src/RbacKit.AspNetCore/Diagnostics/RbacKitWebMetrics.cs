using System.Diagnostics;
using System.Diagnostics.Metrics;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>The web instruments of the <see cref="RbacKitDiagnostics.MeterName"/> meter (created through <see cref="IMeterFactory"/>) and the activity source.</summary>
internal sealed class RbacKitWebMetrics
{
    private readonly Counter<long> _validationFailures;
    private readonly Counter<long> _denials;

    public RbacKitWebMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(RbacKitDiagnostics.MeterName);
        _validationFailures = meter.CreateCounter<long>("rbackit.token.validation.failures", "{token}", "Access tokens refused, by failure code.");
        _denials = meter.CreateCounter<long>("rbackit.authorization.denials", "{decision}", "Authorization decisions that denied access, by permission.");
    }

    /// <summary>The activity source for authentication and authorization.</summary>
    public static ActivitySource ActivitySource { get; } = new(RbacKitDiagnostics.ActivitySourceName);

    public void TokenRejected(TokenFailure reason)
    {
        if (_validationFailures.Enabled)
        {
            _validationFailures.Add(1, new KeyValuePair<string, object?>("error.type", RbacErrorCodes.Of(reason)));
        }
    }

    public void PermissionDenied(string permission)
    {
        if (_denials.Enabled)
        {
            _denials.Add(1, new KeyValuePair<string, object?>("rbackit.permission", permission));
        }
    }
}
