namespace RbacKit.AspNetCore;

/// <summary>
/// Hooks into the <c>RbacKit</c> bearer scheme, in the mould of JwtBearer's events: where the token comes from, what
/// happens once it is validated, and how a challenge (401) or forbid (403) is answered. Set the delegates, or derive
/// and register the type with <see cref="Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions.EventsType"/>.
/// </summary>
public class RbacKitBearerEvents
{
    private static readonly Func<RbacKitMessageReceivedContext, Task> NoMessageReceived = static _ => Task.CompletedTask;
    private static readonly Func<RbacKitTokenValidatedContext, Task> NoTokenValidated = static _ => Task.CompletedTask;

    /// <summary>
    /// Called first on every request: set <see cref="RbacKitMessageReceivedContext.Token"/> to take the token from
    /// elsewhere (for example the <c>access_token</c> query parameter of a WebSocket or SignalR request), or end the
    /// request with <c>Success</c>, <c>Fail</c> or <c>NoResult</c>. Default: the <c>Authorization</c> header.
    /// </summary>
    public Func<RbacKitMessageReceivedContext, Task> OnMessageReceived { get; set; } = NoMessageReceived;

    /// <summary>Called once the token is valid and its session and user may act; may replace the principal or fail the request.</summary>
    public Func<RbacKitTokenValidatedContext, Task> OnTokenValidated { get; set; } = NoTokenValidated;

    /// <summary>Called before the 401 problem is written; call <see cref="RbacKitChallengeContext.HandleResponse"/> to write your own.</summary>
    public Func<RbacKitChallengeContext, Task> OnChallenge { get; set; } = static _ => Task.CompletedTask;

    /// <summary>Called before the 403 problem is written; call <c>HandleResponse()</c> (through <c>Result</c>) to write your own.</summary>
    public Func<RbacKitForbiddenContext, Task> OnForbidden { get; set; } = static _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnMessageReceived"/>.</summary>
    public virtual Task MessageReceived(RbacKitMessageReceivedContext context) => OnMessageReceived(context);

    /// <summary>Invokes <see cref="OnTokenValidated"/>.</summary>
    public virtual Task TokenValidated(RbacKitTokenValidatedContext context) => OnTokenValidated(context);

    /// <summary>Invokes <see cref="OnChallenge"/>.</summary>
    public virtual Task Challenge(RbacKitChallengeContext context) => OnChallenge(context);

    /// <summary>Invokes <see cref="OnForbidden"/>.</summary>
    public virtual Task Forbidden(RbacKitForbiddenContext context) => OnForbidden(context);

    /// <summary>Whether the per-request events do nothing, so the scheme can skip building their contexts (no allocation).</summary>
    internal bool HasNoRequestHooks =>
        GetType() == typeof(RbacKitBearerEvents)
        && ReferenceEquals(OnMessageReceived, NoMessageReceived)
        && ReferenceEquals(OnTokenValidated, NoTokenValidated);
}
