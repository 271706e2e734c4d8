using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        AcceptEmailAsync(context, recovery, options.Value, RecoveryRequestKind.ResendConfirmation);

    public static Task<IResult> ForgotPasswordAsync(
        HttpContext context, [FromServices] IAccountRecoveryService recovery, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken) =>
        AcceptEmailAsync(context, recovery, options.Value, RecoveryRequestKind.ForgotPassword);

    public static async Task<IResult> ResetPasswordAsync(
        HttpContext context, [FromServices] IAccountRecoveryService recovery, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ResetPasswordRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        return body.Problem ?? RbacResults.From(await recovery.ResetPasswordAsync(body.Value!.Token, body.Value.NewPassword, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// 202 with no body for any well-formed address, after the per-email limit. The lookup and the mail run afterwards in
    /// <see cref="RecoveryRequestWorker"/>, so a known and an unknown address take the same path up to the answer.
    /// </summary>
    private static async Task<IResult> AcceptEmailAsync(HttpContext context, IAccountRecoveryService recovery, RbacKitEndpointOptions options, RecoveryRequestKind kind)
    {
        var body = await JsonBody.ReadAsync<AccountEmailRequest>(context, options.MaxRequestBodySize).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var email = body.Value!.Email;
        if (recovery.ValidateEmail(email) is { Succeeded: false } invalid)
        {
            return RbacProblems.FromError(invalid.Error);
        }

        if (await RateLimitResults.CheckAsync(context, RateLimitPolicy.RecoveryPerEmail, Normalizer.NormalizeKey(email!)).ConfigureAwait(false) is { } throttled)
        {
            return throttled;
        }

        var queue = context.RequestServices.GetRequiredService<RecoveryRequestQueue>();
        if (!queue.TryEnqueue(new RecoveryRequest(kind, email!.Trim())))
        {
            if (queue.StartsFullStreak())
            {
                AspNetCoreLog.RecoveryQueueFull(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("RbacKit.AspNetCore.Recovery"));
            }

            return new RetryAfterResult(
                RbacProblems.Create(StatusCodes.Status503ServiceUnavailable, RbacErrorCodes.ServiceUnavailable, "Too many recovery requests are waiting; try again shortly."),
                TimeSpan.FromSeconds(5));
        }

        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }
}
