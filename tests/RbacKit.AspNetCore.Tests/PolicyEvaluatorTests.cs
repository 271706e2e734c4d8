using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RbacKit.AspNetCore.Tests;

/// <summary>
/// RbacKit's <see cref="IPolicyEvaluator"/> gives the framework's answers: the same outcome for every user and policy of
/// a corpus, and the framework's own path whenever anything else takes part (another handler, debug logging of
/// authorization, a listener on the framework's attempts counter).
/// </summary>
public sealed class PolicyEvaluatorTests
{
    private static readonly string[] Policies = ["read", "write", "read-any-scheme", "read-and-sub", "read-and-admin-role", "authenticated", "two-schemes"];

    private static void AddPolicies(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, NothingHandler>("Nothing", null);
        services.AddAuthorization(o =>
        {
            o.AddPolicy("read", p => p.AddAuthenticationSchemes(RbacKitAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser().RequirePermission("movies:read"));
            o.AddPolicy("write", p => p.AddAuthenticationSchemes(RbacKitAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser().RequirePermission("movies:write"));
            o.AddPolicy("read-any-scheme", p => p.RequirePermission("movies:read"));
            o.AddPolicy("read-and-sub", p => p.AddAuthenticationSchemes(RbacKitAuthenticationDefaults.AuthenticationScheme).RequirePermission("movies:read").RequireClaim("sub"));
            o.AddPolicy("read-and-admin-role", p => p.AddAuthenticationSchemes(RbacKitAuthenticationDefaults.AuthenticationScheme).RequirePermission("movies:read").RequireRole("admin"));
            o.AddPolicy("authenticated", p => p.AddAuthenticationSchemes(RbacKitAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser());
            o.AddPolicy("two-schemes", p => p.AddAuthenticationSchemes(RbacKitAuthenticationDefaults.AuthenticationScheme, "Nothing").RequirePermission("movies:read"));
        });
    }

    private static void MapEvaluations(WebApplication app) =>
        app.MapGet("/evaluate/{name}", async (string name, HttpContext context, IAuthorizationPolicyProvider policies) =>
        {
            var policy = (await policies.GetPolicyAsync(name))!;
            var ours = context.RequestServices.GetRequiredService<IPolicyEvaluator>();
            var before = context.User;
            var oursAuthentication = await ours.AuthenticateAsync(policy, context);
            var oursUser = Identities(context.User);
            var oursAuthorization = await ours.AuthorizeAsync(policy, oursAuthentication, context, context);
            var again = ours.AuthorizeAsync(policy, oursAuthentication, context, context);
            var oursAgainSame = ReferenceEquals(again, ours.AuthorizeAsync(policy, oursAuthentication, context, context));

            context.User = before;
            var framework = new PolicyEvaluator(context.RequestServices.GetRequiredService<IAuthorizationService>());
            var frameworkAuthentication = await framework.AuthenticateAsync(policy, context);
            var frameworkUser = Identities(context.User);
            var frameworkAuthorization = await framework.AuthorizeAsync(policy, frameworkAuthentication, context, context);
            return new Evaluation(
                ours.GetType().Name,
                Outcome(oursAuthentication, oursAuthorization, oursUser),
                Outcome(frameworkAuthentication, frameworkAuthorization, frameworkUser),
                oursAgainSame);
        });

    private static string Identities(ClaimsPrincipal user) =>
        string.Join(",", user.Identities.Select(i => $"{i.AuthenticationType}:{i.IsAuthenticated}:{i.Name}"));

    private static string Outcome(AuthenticateResult authentication, PolicyAuthorizationResult authorization, string user) =>
        $"authenticated={authentication.Succeeded} none={authentication.None} user=[{user}] " +
        $"succeeded={authorization.Succeeded} challenged={authorization.Challenged} forbidden={authorization.Forbidden} " +
        $"failed=[{string.Join(",", authorization.AuthorizationFailure?.FailedRequirements.Select(r => r.GetType().Name) ?? [])}]";

    [Fact]
    public async Task For_every_user_and_policy_of_the_corpus_it_answers_as_the_framework_does()
    {
        await using var host = await AuthHost.StartAsync(o =>
        {
            o.Services = AddPolicies;
            o.Endpoints = MapEvaluations;
        });
        var reader = await host.CreateUserAsync();
        var moderator = await host.CreateUserAsync("moderator");
        var callers = new (string Name, string? Token)[]
        {
            ("anonymous", null), ("reader", reader.AccessToken), ("moderator", moderator.AccessToken), ("bad token", reader.AccessToken[..^4] + "AAAA"),
        };

        var shortcuts = 0;
        foreach (var (caller, token) in callers)
        {
            using var client = host.CreateClient(token);
            foreach (var policy in Policies)
            {
                var evaluation = (await client.GetFromJsonAsync<Evaluation>($"/evaluate/{policy}"))!;
                Assert.Equal(nameof(RbacKitPolicyEvaluator), evaluation.Evaluator);
                Assert.True(evaluation.Framework == evaluation.Ours, $"{caller}, {policy}: ours {evaluation.Ours}; framework {evaluation.Framework}");
                shortcuts += evaluation.OursRepeatedIsTheSameTask ? 1 : 0;
            }
        }

        // The permitted policies of permissions only (reader and moderator: read, read-any-scheme, authenticated,
        // two-schemes; moderator also write) are decided without the framework's authorization service, whose every
        // answer is a new task.
        Assert.Equal(9, shortcuts);
    }

    [Fact]
    public async Task Another_authorization_handler_takes_part_and_can_deny()
    {
        await using var host = await AuthHost.StartAsync(o => o.Services = services =>
            services.AddSingleton<IAuthorizationHandler, DenyEverything>());
        var reader = await host.CreateUserAsync();
        using var client = host.CreateClient(reader.AccessToken);
        await (await client.GetAsync("/minimal/read")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task With_debug_logging_of_authorization_the_framework_logs_the_success()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await AuthHost.StartAsync(o => o.Services = services => services.AddLogging(l => l
            .AddProvider(logs)
            .AddFilter<CapturingLoggerProvider>("Microsoft.AspNetCore.Authorization", LogLevel.Debug)
            .AddFilter("Microsoft.AspNetCore.Authorization", LogLevel.Debug)));
        var reader = await host.CreateUserAsync();
        using var client = host.CreateClient(reader.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/minimal/read")).StatusCode);
        Assert.Contains(logs.Messages, m => m.Contains("Authorization was successful", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_listener_on_the_frameworks_attempts_counter_every_attempt_is_counted()
    {
        await using var host = await AuthHost.StartAsync();
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        var successes = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "aspnetcore.authorization.attempts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "aspnetcore.authorization.result", Value: "success" })
                {
                    Interlocked.Add(ref successes, (int)value);
                }
            }
        });
        listener.Start();

        var reader = await host.CreateUserAsync();
        using var client = host.CreateClient(reader.AccessToken);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/minimal/read")).StatusCode);
        }

        Assert.True(successes >= 3, $"{successes} successful attempts counted");
    }

    private sealed record Evaluation(string Evaluator, string Ours, string Framework, bool OursRepeatedIsTheSameTask);

    /// <summary>A scheme that never authenticates anyone.</summary>
    private sealed class NothingHandler(Microsoft.Extensions.Options.IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }

    /// <summary>An application's own rule that refuses every request.</summary>
    private sealed class DenyEverything : IAuthorizationHandler
    {
        public Task HandleAsync(AuthorizationHandlerContext context)
        {
            context.Fail();
            return Task.CompletedTask;
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IEnumerable<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._messages.Enqueue(formatter(state, exception));
        }
    }
}
