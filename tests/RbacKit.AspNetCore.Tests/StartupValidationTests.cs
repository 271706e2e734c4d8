using Microsoft.AspNetCore.Builder;

namespace RbacKit.AspNetCore.Tests;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task An_unknown_permission_name_on_an_endpoint_stops_start_up_naming_both()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => AuthHost.StartAsync(o => o.Endpoints = app =>
            app.MapGet("/typo", () => "x").RequirePermission("movies:wirte")));

        Assert.Contains("'movies:wirte'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET /typo", ex.Message, StringComparison.Ordinal);
        Assert.Contains("options.Permissions.Add", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_name_in_an_any_of_requirement_stops_start_up_too()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => AuthHost.StartAsync(o => o.Endpoints = app =>
            app.MapGroup("/g").RequireAnyPermission("movies:read", "series:reed").MapPost("/x", () => "x")));

        Assert.Contains("'series:reed'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("POST /g/x", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_requirement_without_names_stops_start_up()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => AuthHost.StartAsync(o => o.Endpoints = app =>
            app.MapGet("/empty", () => "x").RequirePermission()));

        Assert.Contains("without any permission name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_stop_start_up_with_what_to_set()
    {
        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => AuthHost.StartAsync(o => o.Rbac = r => r.Audience = ""));
        Assert.Contains("Audience", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_redis_timeout_that_is_not_positive_stops_start_up_instead_of_being_replaced(int seconds)
    {
        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            AuthHost.StartAsync(o => o.RateLimits = r => r.RedisTimeout = TimeSpan.FromSeconds(seconds)));
        Assert.Contains("RateLimits:RedisTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_with_permits_but_no_window_stops_start_up_naming_it()
    {
        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            AuthHost.StartAsync(o => o.RateLimits = r => r.Login.Window = TimeSpan.Zero));
        Assert.Contains("Login needs", ex.Message, StringComparison.Ordinal);
    }
}
