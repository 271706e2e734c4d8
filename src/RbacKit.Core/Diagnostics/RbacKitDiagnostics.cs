namespace RbacKit;

/// <summary>
/// The names to subscribe to RbacKit's telemetry: with OpenTelemetry .NET,
/// <c>.WithMetrics(m =&gt; m.AddMeter(RbacKitDiagnostics.MeterName))</c> and
/// <c>.WithTracing(t =&gt; t.AddSource(RbacKitDiagnostics.ActivitySourceName))</c>.
/// </summary>
/// <remarks>
/// Instruments (names and attributes follow the OpenTelemetry semantic conventions, as .NET's
/// <c>aspnetcore.identity.*</c> meters do):
/// <list type="bullet">
/// <item><c>rbackit.login.attempts</c> (<c>{attempt}</c>), attribute <c>rbackit.login.result</c>: <c>success</c>,
/// <c>unknown_user</c>, <c>invalid_password</c>, <c>locked_out</c>, <c>deactivated</c>, <c>mfa_required</c>, <c>mfa_failed</c>.</item>
/// <item><c>rbackit.token.issued</c> (<c>{token}</c>), attribute <c>rbackit.token.grant_type</c>: <c>password</c>, <c>refresh_token</c>.</item>
/// <item><c>rbackit.token.validation.failures</c> (<c>{token}</c>), attribute <c>error.type</c>: the token failure code
/// (<c>token_expired</c>, <c>token_signature_invalid</c>, ...).</item>
/// <item><c>rbackit.authorization.denials</c> (<c>{decision}</c>), attribute <c>rbackit.permission</c>.</item>
/// </list>
/// Activities: <c>RbacKit.Login</c> (tag <c>rbackit.login.result</c>), <c>RbacKit.Refresh</c>, <c>RbacKit.Authenticate</c>,
/// <c>RbacKit.Authorize</c>; none carries a secret (no token, password or code).
/// </remarks>
public static class RbacKitDiagnostics
{
    /// <summary>The name of RbacKit's meter.</summary>
    public const string MeterName = "RbacKit";

    /// <summary>The name of RbacKit's activity source.</summary>
    public const string ActivitySourceName = "RbacKit";
}
