using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RbacKit.Accounts;
using RbacKit.Secrets;

namespace RbacKit.AspNetCore.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task Calling_AddRbacKit_twice_is_harmless_and_configurations_accumulate()
    {
        await using var host = await AuthHost.StartAsync(o => o.Services = services =>
            services.AddRbacKit(r => r.Permissions.Add("extra:thing", "Added by a second call")));

        var user = await host.CreateUserAsync("superadmin");
        var catalog = await (await host.CreateClient(user.AccessToken).GetAsync("/permissions")).ReadAsync<PermissionInfo[]>();
        Assert.Contains(catalog, p => p.Name == "extra:thing");
        Assert.Contains(catalog, p => p.Name == "movies:write");
        var schemes = await host.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();
        Assert.Single(schemes, s => s.Name == RbacKitAuthenticationDefaults.AuthenticationScheme);
        Assert.Equal(RbacKitAuthenticationDefaults.AuthenticationScheme, (await host.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetDefaultChallengeSchemeAsync())?.Name);
    }

    [Fact]
    public async Task A_configured_kek_keeps_cores_protector_and_none_uses_data_protection()
    {
        await using var withKek = await AuthHost.StartAsync();
        Assert.Equal("AesGcmSecretProtector", withKek.Services.GetRequiredService<ISecretProtector>().GetType().Name);

        var keys = Directory.CreateTempSubdirectory("rbackit-dp-");
        try
        {
            await using var withoutKek = await AuthHost.StartAsync(o =>
            {
                o.Rbac = r => r.Tokens.KeyEncryptionKey = null;
                o.Services = s => s.AddDataProtection().PersistKeysToFileSystem(keys);
            });
            Assert.IsType<DataProtectionSecretProtector>(withoutKek.Services.GetRequiredService<ISecretProtector>());
            var user = await withoutKek.CreateUserAsync();
            Assert.Equal(HttpStatusCode.OK, (await withoutKek.CreateClient(user.AccessToken).GetAsync("/me")).StatusCode);
            Assert.NotEmpty(keys.GetFiles("*.xml"));
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Outside_development_a_per_machine_data_protection_key_ring_refuses_to_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AuthHost.StartAsync(o => o.Rbac = r => r.Tokens.KeyEncryptionKey = null));
        Assert.Contains("RbacKit:Tokens:KeyEncryptionKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("PersistKeysTo", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Testing'", error.Message, StringComparison.Ordinal);

        // Development keeps the zero-set-up default.
        await using var development = await AuthHost.StartAsync(o =>
        {
            o.EnvironmentName = "Development";
            o.Rbac = r => r.Tokens.KeyEncryptionKey = null;
        });
        Assert.IsType<DataProtectionSecretProtector>(development.Services.GetRequiredService<ISecretProtector>());
    }

    [Fact]
    public async Task Endpoints_can_be_disabled_one_by_one()
    {
        await using var host = await AuthHost.StartAsync(o => o.Services = services =>
            services.Configure<RbacKitEndpointOptions>(e => e.Disable(RbacKitEndpointNames.Register, RbacKitEndpointNames.DeleteAccount)));

        var register = await host.Client.PostAsJsonAsync("/auth/register", new { email = "a@b.cd" });
        Assert.Equal(HttpStatusCode.NotFound, register.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsJsonAsync("/auth/login", new { email = "a@b.cd", password = "x" })).StatusCode);
    }

    [Fact]
    public async Task Registration_hooks_see_extra_fields_can_refuse_and_run_after_creation()
    {
        var hook = new TermsHook();
        await using var host = await AuthHost.StartAsync(o => o.Services = services => services.AddSingleton<IRbacKitRegistrationHook>(hook));

        var refused = await host.Client.PostAsJsonAsync("/auth/register", new
        {
            email = AuthHost.NewEmail(), password = AuthHost.Password, passwordConfirm = AuthHost.Password, firstName = "A", lastName = "B",
        });
        var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("acceptTerms", out _));

        var email = AuthHost.NewEmail();
        var accepted = await host.Client.PostAsJsonAsync("/auth/register", new
        {
            email, password = AuthHost.Password, passwordConfirm = AuthHost.Password, firstName = "A", lastName = "B", acceptTerms = true, roles = new[] { "admin" },
        });
        var profile = await accepted.ReadAsync<UserProfile>(HttpStatusCode.Created);
        Assert.Equal(profile.Id, hook.Registered);
        Assert.Equal(["user"], profile.Roles);
        Assert.Equal(["acceptTerms", "roles"], hook.Fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Anonymous_endpoints_stay_open_under_a_fallback_policy()
    {
        await using var host = await AuthHost.StartAsync(o => o.Services = services =>
            services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()));

        var email = AuthHost.NewEmail();
        await host.RegisterAsync(email);
        await host.LoginAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/.well-known/jwks.json")).StatusCode);
        await (await host.Client.PostAsJsonAsync("/auth/refresh", new { refreshToken = "x" })).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task RbacKit_endpoints_and_permissions_use_the_bearer_scheme_when_the_host_defaults_to_cookies()
    {
        await using var host = await AuthHost.StartAsync(o => o.Services = services =>
            services.AddAuthentication(a => a.DefaultScheme = "Cookies").AddCookie("Cookies"));
        var user = await host.CreateUserAsync("moderator");

        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(user.AccessToken).GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(user.AccessToken).PostAsync("/minimal/write", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(user.AccessToken).PostAsync("/mvc/movies", null)).StatusCode);
        await (await host.Client.GetAsync("/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public void Entry_points_guard_their_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddRbacKit());
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddRbacKitResourceServer(null!));
        Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddRbacKit().AddRedis(""));
        Assert.Throws<ArgumentNullException>(() => ((IEndpointConventionBuilder)null!).RequirePermission("a:b"));
        Assert.Throws<ArgumentNullException>(() => new RbacKitEndpointOptions().Disable(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RbacKitEndpointOptions().MaxRequestBodySize = 0);
        Assert.Throws<ArgumentNullException>(() => Microsoft.AspNetCore.OpenApi.RbacKitOpenApiOptionsExtensions.AddRbacKit(null!));
    }

    [Fact]
    public void Mapping_without_AddRbacKit_says_what_to_call()
    {
        var app = WebApplication.CreateBuilder().Build();
        var ex = Assert.Throws<InvalidOperationException>(() => app.MapRbacKitAuthApi());
        Assert.Contains("AddRbacKit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resource_server_options_are_validated_at_start_up()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        builder.Services.AddRbacKitResourceServer(o => { o.Authority = "http://auth.example.com"; o.Audience = "api"; });
        await using var app = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("must use https; plain http is accepted only for loopback hosts", ex.Message, StringComparison.Ordinal);
    }

    private sealed class TermsHook : IRbacKitRegistrationHook
    {
        public Guid? Registered { get; private set; }

        public List<string> Fields { get; } = [];

        public ValueTask<RbacError?> ValidateAsync(RbacKitRegistrationContext context, CancellationToken cancellationToken)
        {
            Fields.Clear();
            Fields.AddRange(context.AdditionalFields.Keys);
            return ValueTask.FromResult(context.AdditionalFields.TryGetValue("acceptTerms", out var accepted) && accepted.ValueKind == JsonValueKind.True
                ? null
                : RbacError.Validation("acceptTerms", "Accept the terms."));
        }

        public ValueTask OnRegisteredAsync(RbacKitRegistrationContext context, UserProfile user, CancellationToken cancellationToken)
        {
            Registered = user.Id;
            return ValueTask.CompletedTask;
        }
    }
}
