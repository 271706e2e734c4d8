using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RbacKit.Accounts;

namespace RbacKit.AspNetCore;

/// <summary>The handlers of the auth group.</summary>
internal static class AuthHandlers
{
    private static readonly HashSet<string> RegisterFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "email", "password", "passwordConfirm", "firstName", "lastName", "middleName",
    };

    public static async Task<IResult> RegisterAsync(
        HttpContext context,
        [FromServices] IAccountService accounts,
        [FromServices] IEnumerable<IRbacKitRegistrationHook> hooks,
        [FromServices] IOptions<RbacKitEndpointOptions> options,
        [FromServices] IOptions<RbacKitOptions> rbac,
        CancellationToken cancellationToken)
    {
        var hookList = hooks as IReadOnlyList<IRbacKitRegistrationHook> ?? [.. hooks];
        var body = await JsonBody.ReadAsync<RegisterRequest>(context, options.Value.MaxRequestBodySize, keepRaw: hookList.Count > 0).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var registration = new RbacKitRegistrationContext(context, body.Value!, hookList.Count == 0 ? new Dictionary<string, JsonElement>() : AdditionalFields(body.Raw));
        foreach (var hook in hookList)
        {
            if (await hook.ValidateAsync(registration, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return RbacProblems.FromError(refused);
            }
        }

        var result = await accounts.RegisterAsync(body.Value!, cancellationToken).ConfigureAwait(false);
        var conceal = rbac.Value.Accounts.ConcealRegisteredEmails;
        if (!result.Succeeded)
        {
            // Concealed: a taken address (its owner was mailed) answers like a new account.
            return conceal && result.Error.Code == RbacErrorCodes.EmailTaken
                ? TypedResults.StatusCode(StatusCodes.Status202Accepted)
                : RbacProblems.FromError(result.Error);
        }

        foreach (var hook in hookList)
        {
            await hook.OnRegisteredAsync(registration, result.Value, cancellationToken).ConfigureAwait(false);
        }

        return conceal ? TypedResults.StatusCode(StatusCodes.Status202Accepted) : RbacResults.Json(result.Value, StatusCodes.Status201Created);
    }

    public static async Task<IResult> LoginAsync(
        HttpContext context,
        [FromServices] IAuthService auth,
        [FromServices] IOptions<RbacKitEndpointOptions> options,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<LoginRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var request = body.Value!;
        if (request.Email is { Length: > 0 and <= 254 } email
            && await RateLimitResults.CheckAsync(context, RateLimitPolicy.LoginPerAccount, Normalizer.NormalizeKey(email)).ConfigureAwait(false) is { } throttled)
        {
            return throttled;
        }

        var result = await auth.LoginAsync(request, ClientInfoFactory.From(context), cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? RbacResults.NoStore(context, result.Value) : RbacProblems.FromError(result.Error);
    }

    public static async Task<IResult> RefreshAsync(
        HttpContext context,
        [FromServices] IAuthService auth,
        [FromServices] IOptions<RbacKitEndpointOptions> options,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RefreshRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var result = await auth.RefreshAsync(body.Value!.RefreshToken, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? RbacResults.NoStore(context, result.Value) : RbacProblems.FromError(result.Error);
    }

    public static async Task<IResult> LogoutAsync(HttpContext context, [FromServices] IAuthService auth, CancellationToken cancellationToken)
    {
        var user = context.RequireRbacKitUser();

        // The session was live a moment ago; if a parallel request ended it first, the caller's goal is reached.
        _ = await auth.LogoutAsync(user.UserId, user.SessionId, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> LogoutOthersAsync(HttpContext context, [FromServices] IAuthService auth, CancellationToken cancellationToken)
    {
        var user = context.RequireRbacKitUser();
        return RbacResults.From(await auth.LogoutOthersAsync(user.UserId, user.SessionId, cancellationToken).ConfigureAwait(false));
    }

    private static Dictionary<string, JsonElement> AdditionalFields(ReadOnlyMemory<byte> raw)
    {
        using var document = JsonDocument.Parse(raw);
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!RegisterFields.Contains(property.Name))
            {
                fields[property.Name] = property.Value.Clone();
            }
        }

        return fields;
    }
}
