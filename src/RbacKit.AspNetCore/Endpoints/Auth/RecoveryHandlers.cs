using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RbacKit.Accounts.Recovery;

namespace RbacKit.AspNetCore;

/// <summary>The handlers of address confirmation and password recovery. The mail-sending ones answer 202 whatever the address.</summary>
internal static class RecoveryHandlers
{
    public static async Task<IResult> ConfirmEmailAsync(
        HttpContext context, [FromServices] IAccountRecoveryService recovery, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ConfirmEmailRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        return body.Problem ?? RbacResults.From(await recovery.ConfirmEmailAsync(body.Value!.Token, cancellationToken).ConfigureAwait(false));
    }

    public static Task<IResult> ResendConfirmationAsync(
        HttpContext context, [FromServices] IAccountRecoveryService recovery, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken) =>
        AcceptEmailAsync(context, options.Value, (email, ct) => recovery.ResendConfirmationAsync(email, ct), cancellationToken);

    public static Task<IResult> ForgotPasswordAsync(
        HttpContext context, [FromServices] IAccountRecoveryService recovery, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken) =>
        AcceptEmailAsync(context, options.Value, (email, ct) => recovery.ForgotPasswordAsync(email, ct), cancellationToken);

    public static async Task<IResult> ResetPasswordAsync(
        HttpContext context, [FromServices] IAccountRecoveryService recovery, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ResetPasswordRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        return body.Problem ?? RbacResults.From(await recovery.ResetPasswordAsync(body.Value!.Token, body.Value.NewPassword, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>202 with no body for any well-formed address, after the per-email limit; the work runs before the answer either way.</summary>
    private static async Task<IResult> AcceptEmailAsync(HttpContext context, RbacKitEndpointOptions options, Func<string?, CancellationToken, Task<RbacResult>> send, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<AccountEmailRequest>(context, options.MaxRequestBodySize).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var email = body.Value!.Email;
        if (email is { Length: > 0 and <= 254 }
            && await RateLimitResults.CheckAsync(context, RateLimitPolicy.RecoveryPerEmail, Normalizer.NormalizeKey(email)).ConfigureAwait(false) is { } throttled)
        {
            return throttled;
        }

        var result = await send(email, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? TypedResults.StatusCode(StatusCodes.Status202Accepted) : RbacProblems.FromError(result.Error);
    }
}
