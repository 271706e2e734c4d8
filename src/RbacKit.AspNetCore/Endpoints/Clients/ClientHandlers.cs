using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RbacKit.Clients;

namespace RbacKit.AspNetCore;

/// <summary>The handlers of the OAuth client administration group. The acting user is always the token's user.</summary>
internal static class ClientHandlers
{
    public static async Task<IResult> ListAsync([FromServices] IClientService clients, CancellationToken cancellationToken) =>
        RbacResults.Json(await clients.ListAsync(cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> GetAsync(Guid id, [FromServices] IClientService clients, CancellationToken cancellationToken) =>
        RbacResults.From(await clients.GetAsync(id, cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> CreateAsync(
        HttpContext context, [FromServices] IClientService clients,
        [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ClientInput>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var result = await clients.CreateAsync(context.RequireRbacKitUser().UserId, body.Value!, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return RbacProblems.FromErrorWithRetryAfter(result.Error);
        }

        // The secret is in this answer only: never cached.
        NoStore.Apply(context.Response);
        return RbacResults.Json(result.Value, StatusCodes.Status201Created);
    }

    public static async Task<IResult> RotateSecretAsync(Guid id, HttpContext context, [FromServices] IClientService clients, CancellationToken cancellationToken)
    {
        var result = await clients.RotateSecretAsync(context.RequireRbacKitUser().UserId, id, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return RbacProblems.FromErrorWithRetryAfter(result.Error);
        }

        NoStore.Apply(context.Response);
        return RbacResults.Json(result.Value);
    }

    public static async Task<IResult> DeleteAsync(Guid id, HttpContext context, [FromServices] IClientService clients, CancellationToken cancellationToken) =>
        RbacResults.From(await clients.DeleteAsync(context.RequireRbacKitUser().UserId, id, cancellationToken).ConfigureAwait(false));
}
