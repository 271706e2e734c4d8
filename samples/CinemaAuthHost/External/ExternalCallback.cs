using Microsoft.AspNetCore.Authentication;

namespace CinemaAuthHost.External;

/// <summary>
/// Ends a provider's callback with a 302 to the flow's return URL (checked against the allow-list when the flow started,
/// and carried in the protected <c>state</c>): <c>#code=</c> on success, <c>#error=</c> otherwise. Tokens never go in a URL.
/// A callback whose <c>state</c> cannot be read has no trustworthy return URL: 400 <c>invalid_state</c>.
/// </summary>
internal static partial class ExternalCallback
{
    public const string ProviderItem = "provider";
    public const string ReturnUrlItem = "returnUrl";
    public const string LinkUserItem = "linkUserId";

    /// <summary>Set when the flow started on the host's own pages: it ends on them (<see cref="Web.ExternalPages"/>), not with a fragment.</summary>
    public const string PagesItem = "pages";

    public static async Task OnTicketReceivedAsync(TicketReceivedContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        if (ReturnUrl(http, context.Properties) is not { } returnUrl
            || context.Properties?.Items.TryGetValue(ProviderItem, out var provider) != true || provider is null)
        {
            await InvalidStateAsync(http);
            return;
        }

        Guid? linkUser = context.Properties.Items.TryGetValue(LinkUserItem, out var link) && Guid.TryParse(link, out var id) ? id : null;
        var fragment = await http.RequestServices.GetRequiredService<ExternalAccounts>()
            .CompleteAsync(provider, ExternalIdentity.From(context.Principal), linkUser, http.RequestAborted);
        if (IsPages(context.Properties))
        {
            Web.ExternalPages.Finish(http, returnUrl, fragment, linkUser is not null);
            return;
        }

        Redirect(http, returnUrl, fragment);
    }

    public static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        if (ReturnUrl(http, context.Properties) is not { } returnUrl)
        {
            await InvalidStateAsync(http);
            return;
        }

        // The provider's own refusal comes back as ?error=…; anything else (correlation, nonce, token checks) is the flow's.
        var error = http.Request.Query["error"].ToString() switch
        {
            "access_denied" => ExternalErrors.AccessDenied,
            { Length: > 0 } => ExternalErrors.ProviderError,
            _ => context.Failure?.Message.Contains("Correlation", StringComparison.OrdinalIgnoreCase) == true
                ? ExternalErrors.InvalidState
                : ExternalErrors.ProviderError,
        };
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalCallback));
        Failed(logger, error, context.Failure?.Message);
        if (IsPages(context.Properties))
        {
            Web.ExternalPages.Finish(http, returnUrl, ExternalAccounts.Error(error), context.Properties!.Items.ContainsKey(LinkUserItem));
            return;
        }

        Redirect(http, returnUrl, ExternalAccounts.Error(error));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "External sign-in failed: {Error} ({Reason})")]
    private static partial void Failed(ILogger logger, string error, string? reason);

    private static bool IsPages(AuthenticationProperties? properties) => properties?.Items.ContainsKey(PagesItem) == true;

    /// <summary>The flow's return URL: one of the allow-list for API flows, a local path for page flows.</summary>
    private static string? ReturnUrl(HttpContext http, AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(ReturnUrlItem, out var url) != true
            ? null
            : IsPages(properties)
                ? Web.PageSignIn.SafeReturnUrl(url)
                : http.RequestServices.GetRequiredService<ExternalSettings>().IsAllowedReturnUrl(url) ? url : null;

    private static void Redirect(HttpContext http, string returnUrl, string fragment)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Redirect(returnUrl + "#" + fragment);
    }

    private static Task InvalidStateAsync(HttpContext http) =>
        ExternalProblems.Create(ExternalErrors.InvalidState, StatusCodes.Status400BadRequest,
            "The sign-in state is missing, forged or expired: start the sign-in again.").ExecuteAsync(http);
}
