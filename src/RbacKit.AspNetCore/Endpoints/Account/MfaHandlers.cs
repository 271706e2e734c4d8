using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RbacKit.Mfa;

namespace RbacKit.AspNetCore;

/// <summary>The MFA handlers of the account group.</summary>
internal static class MfaHandlers
{
    public static async Task<IResult> SetupAsync(
        HttpContext context, [FromServices] IMfaService mfa, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        // The body is optional: without one (no Content-Type, no length) the login must be recent.
        string? currentPassword = null;
        if (context.Request.ContentType is not null || context.Request.ContentLength > 0)
        {
            var body = await JsonBody.ReadAsync<MfaSetupRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
            if (body.Problem is not null)
            {
                return body.Problem;
            }

            currentPassword = body.Value!.CurrentPassword;
        }

        var user = context.RequireRbacKitUser();
        var result = await mfa.BeginTotpSetupAsync(user.UserId, user.SessionId, currentPassword, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return RbacProblems.FromErrorWithRetryAfter(result.Error);
        }

        var setup = result.Value;
        return RbacResults.NoStore(context, new MfaSetupResponse(setup.Secret, setup.OtpAuthUri, QrCodeSvg.Render(setup.OtpAuthUri)));
    }

    public static async Task<IResult> ConfirmAsync(
        HttpContext context, [FromServices] IMfaService mfa, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<MfaConfirmRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (string.IsNullOrWhiteSpace(body.Value!.Code))
        {
            return RbacProblems.FromError(RbacError.Validation("code", "The code is required."));
        }

        var user = context.RequireRbacKitUser();
        var result = await mfa.ConfirmTotpAsync(user.UserId, user.SessionId, body.Value.CurrentPassword, body.Value.Code, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? RbacResults.NoStore(context, new RecoveryCodesResponse(result.Value))
            : RbacProblems.FromErrorWithRetryAfter(result.Error);
    }

    public static async Task<IResult> DisableAsync(
        HttpContext context, [FromServices] IMfaService mfa, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<MfaDisableRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        return body.Problem
            ?? RbacResults.From(await mfa.DisableTotpAsync(context.RequireRbacKitUser().UserId, body.Value!.Code, body.Value.RecoveryCode, cancellationToken).ConfigureAwait(false));
    }
}
