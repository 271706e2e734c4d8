using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RbacKit.AspNetCore;

/// <summary>
/// The authorization middleware's <see cref="IPolicyEvaluator"/>: the framework's <see cref="PolicyEvaluator"/>, with two
/// shortcuts that give the same answer without its per-request objects.
/// <list type="bullet">
/// <item>A policy of one authentication scheme whose result the authentication middleware already holds for
/// <c>context.User</c> gets that result back, instead of authenticating again and copying the principal into a new one
/// (which, for one scheme, holds the same identities).</item>
/// <item>A policy made only of <see cref="PermissionRequirement"/>s and <see cref="DenyAnonymousAuthorizationRequirement"/>,
/// in an application whose only authorization handlers are RbacKit's and the framework's pass-through one, is decided by
/// the permission bit tests directly when every requirement is met. Anything else (a denial, another requirement, another
/// handler, a custom authorization service, debug logging of authorization, a listener on an instrument of the
/// framework's authorization meter such as <c>aspnetcore.authorization.attempts</c>) goes through the framework's path.</item>
/// </list>
/// </summary>
internal sealed class RbacKitPolicyEvaluator : IPolicyEvaluator, IDisposable
{
    private const string AuthorizationMeter = "Microsoft.AspNetCore.Authorization";
    private static readonly Task<PolicyAuthorizationResult> Success = Task.FromResult(PolicyAuthorizationResult.Success());
    private readonly ILogger<DefaultAuthorizationService> _authorizationLogger;
    private readonly MeterListener _instruments = new();
    private ImmutableArray<Instrument> _frameworkInstruments = [];
    private int _onlyRbacKitHandlers; // 0 unknown, 1 yes, -1 no

    public RbacKitPolicyEvaluator(ILogger<DefaultAuthorizationService> authorizationLogger, IMeterFactory meters)
    {
        _authorizationLogger = authorizationLogger;

        // Told of this application's framework authorization instruments as they are created, never subscribed to them:
        // their Enabled says whether anyone else listens, and then the framework's path runs so the attempt is counted.
        _instruments.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == AuthorizationMeter && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                ImmutableInterlocked.Update(ref _frameworkInstruments, (all, added) => all.Add(added), instrument);
            }
        };
        _instruments.Start();
    }

    public Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(context);
        if (policy.AuthenticationSchemes is [var scheme] &&
            context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true } result &&
            ReferenceEquals(result.Principal, context.User) &&
            string.Equals(result.Ticket.AuthenticationScheme, scheme, StringComparison.Ordinal))
        {
            return Task.FromResult(result);
        }

        return Framework(context).AuthenticateAsync(policy, context);
    }

    public Task<PolicyAuthorizationResult> AuthorizeAsync(AuthorizationPolicy policy, AuthenticateResult authenticationResult, HttpContext context, object? resource)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(context);
        if (OnlyRbacKitHandlers(context) && !FrameworkMetricsListened() && !_authorizationLogger.IsEnabled(LogLevel.Debug) && AllMet(policy, context))
        {
            return Success;
        }

        return Framework(context).AuthorizeAsync(policy, authenticationResult, context, resource);
    }

    public void Dispose() => _instruments.Dispose();

    private bool FrameworkMetricsListened()
    {
        foreach (var instrument in _frameworkInstruments)
        {
            if (instrument.Enabled)
            {
                return true;
            }
        }

        return false;
    }

    private static PolicyEvaluator Framework(HttpContext context) =>
        new(context.RequestServices.GetRequiredService<IAuthorizationService>());

    private static bool AllMet(AuthorizationPolicy policy, HttpContext context)
    {
        var identity = context.User.GetRbacKitIdentity();
        if (identity is null)
        {
            return false;
        }

        var requirements = policy.Requirements;
        if (requirements.Count == 0)
        {
            return false;
        }

        using var activity = RbacKitWebMetrics.ActivitySource.StartActivity("RbacKit.Authorize");
        for (var i = 0; i < requirements.Count; i++)
        {
            switch (requirements[i])
            {
                case DenyAnonymousAuthorizationRequirement:
                    break; // an RbacKit identity is an authenticated one
                case PermissionRequirement permission when permission.IsSatisfiedBy(identity):
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>Whether authorization runs on the framework's default services with no handler but RbacKit's (checked once:
    /// registrations do not change after the host is built).</summary>
    private bool OnlyRbacKitHandlers(HttpContext context)
    {
        var known = Volatile.Read(ref _onlyRbacKitHandlers);
        if (known == 0)
        {
            known = Inspect(context.RequestServices) ? 1 : -1;
            Volatile.Write(ref _onlyRbacKitHandlers, known);
        }

        return known == 1;
    }

    private static bool Inspect(IServiceProvider services)
    {
        if (!IsFramework<DefaultAuthorizationService>(services.GetService<IAuthorizationService>()) ||
            services.GetService<IAuthorizationHandlerProvider>()?.GetType() != typeof(DefaultAuthorizationHandlerProvider) ||
            services.GetService<IAuthorizationEvaluator>()?.GetType() != typeof(DefaultAuthorizationEvaluator) ||
            services.GetService<IAuthorizationHandlerContextFactory>()?.GetType() != typeof(DefaultAuthorizationHandlerContextFactory))
        {
            return false;
        }

        foreach (var handler in services.GetServices<IAuthorizationHandler>())
        {
            if (handler is not (PermissionAuthorizationHandler or PassThroughAuthorizationHandler))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The framework's own <typeparamref name="T"/> (it registers an internal subclass that adds metrics).</summary>
    private static bool IsFramework<T>(object? service) =>
        service?.GetType() is { } type && (type == typeof(T) || (type.IsSubclassOf(typeof(T)) && type.Assembly == typeof(T).Assembly));
}
