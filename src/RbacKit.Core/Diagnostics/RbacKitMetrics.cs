using System.Diagnostics;
using System.Diagnostics.Metrics;
using RbacKit.Domain;
using RbacKit.Tokens;

namespace RbacKit;

/// <summary>The <c>RbacKit</c> meter and activity source: logins by outcome, tokens issued, validations rejected by reason, permission denials.</summary>
public sealed class RbacKitMetrics : IDisposable
{
    /// <summary>The name of the meter and the activity source.</summary>
    public const string Name = "RbacKit";

    private readonly Meter _meter = new(Name);
    private readonly Counter<long> _logins;
    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _validationsRejected;
    private readonly Counter<long> _permissionDenials;

    /// <summary>Creates the instruments.</summary>
    public RbacKitMetrics()
    {
        _logins = _meter.CreateCounter<long>("rbackit.logins", description: "Login attempts by outcome.");
        _tokensIssued = _meter.CreateCounter<long>("rbackit.tokens.issued", description: "Access tokens issued.");
        _validationsRejected = _meter.CreateCounter<long>("rbackit.tokens.rejected", description: "Access tokens refused, by reason.");
        _permissionDenials = _meter.CreateCounter<long>("rbackit.permission.denials", description: "Authorization decisions that denied access.");
    }

    /// <summary>The activity source for RbacKit operations.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Counts a login attempt.</summary>
    public void Login(LoginOutcome outcome) => _logins.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));

    /// <summary>Counts an issued access token.</summary>
    public void TokenIssued() => _tokensIssued.Add(1);

    /// <summary>Counts a refused access token.</summary>
    public void TokenRejected(TokenFailure reason) => _validationsRejected.Add(1, new KeyValuePair<string, object?>("reason", reason.ToCode()));

    /// <summary>Counts a denied permission check.</summary>
    public void PermissionDenied(string permission) => _permissionDenials.Add(1, new KeyValuePair<string, object?>("permission", permission));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
