using System.Diagnostics.Metrics;
using RbacKit.Domain;

namespace RbacKit;

/// <summary>The Core instruments of the <see cref="RbacKitDiagnostics.MeterName"/> meter, created through <see cref="IMeterFactory"/>.</summary>
internal sealed class RbacKitMetrics
{
    private readonly Counter<long> _logins;
    private readonly Counter<long> _tokensIssued;

    public RbacKitMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(RbacKitDiagnostics.MeterName);
        _logins = meter.CreateCounter<long>("rbackit.login.attempts", "{attempt}", "Login attempts by result.");
        _tokensIssued = meter.CreateCounter<long>("rbackit.token.issued", "{token}", "Access tokens issued, by grant type.");
    }

    public void Login(LoginOutcome outcome)
    {
        RbacKitTracing.Tag("rbackit.login.result", Result(outcome));
        if (_logins.Enabled)
        {
            _logins.Add(1, new KeyValuePair<string, object?>("rbackit.login.result", Result(outcome)));
        }
    }

    public void TokenIssued(string grantType)
    {
        if (_tokensIssued.Enabled)
        {
            _tokensIssued.Add(1, new KeyValuePair<string, object?>("rbackit.token.grant_type", grantType));
        }
    }

    private static string Result(LoginOutcome outcome) => outcome switch
    {
        LoginOutcome.Success => "success",
        LoginOutcome.UnknownUser => "unknown_user",
        LoginOutcome.InvalidPassword => "invalid_password",
        LoginOutcome.LockedOut => "locked_out",
        LoginOutcome.Deactivated => "deactivated",
        LoginOutcome.MfaRequired => "mfa_required",
        LoginOutcome.MfaFailed => "mfa_failed",
        _ => "other",
    };
}
