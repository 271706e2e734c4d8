using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RbacKit.Core.Tests;

public class OptionsTests
{
    private static OptionsValidationException Fail(Action<RbacKitOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddRbacKitCore(o =>
        {
            o.Issuer = "https://auth.test";
            o.Audience = "api";
            configure(o);
        });
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RbacKitOptions>>().Value);
    }

    [Theory]
    [InlineData("Issuer")]
    [InlineData("Audience")]
    public void Missing_issuer_or_audience_says_what_to_set(string setting)
    {
        var error = Fail(o =>
        {
            if (setting == "Issuer")
            {
                o.Issuer = "";
            }
            else
            {
                o.Audience = "";
            }
        });
        Assert.Contains($"set {setting}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Algorithm_none_is_not_accepted() => Assert.Contains("Tokens.Algorithm", Fail(o => o.Tokens.Algorithm = "none").Message, StringComparison.Ordinal);

    [Fact]
    public void Clock_skew_above_30_seconds_is_refused() => Assert.Contains("ClockSkew", Fail(o => o.Tokens.ClockSkew = TimeSpan.FromMinutes(5)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(3601)]
    public void A_last_seen_write_interval_outside_1_second_to_1_hour_is_refused(double seconds) =>
        Assert.Contains("Sessions.LastSeenWriteInterval", Fail(o => o.Sessions.LastSeenWriteInterval = TimeSpan.FromSeconds(seconds)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_weak_work_factor_needs_an_explicit_opt_in() => Assert.Contains("WorkFactor", Fail(o => o.Passwords.WorkFactor = 8).Message, StringComparison.Ordinal);

    [Fact]
    public void A_short_key_encryption_key_is_refused() => Assert.Contains("KeyEncryptionKey", Fail(o => o.Tokens.KeyEncryptionKey = Convert.ToBase64String(new byte[16])).Message, StringComparison.Ordinal);

    [Fact]
    public void A_role_granting_an_undeclared_permission_is_refused()
    {
        var error = Fail(o => o.Roles.Add("editor", null, "articles:write"));
        Assert.Contains("'articles:write'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_permission_name_is_refused() => Assert.Contains("'Movies Read'", Fail(o => o.Permissions.Add("Movies Read")).Message, StringComparison.Ordinal);

    [Fact]
    public void No_protection_for_keys_at_rest_is_a_clear_start_up_error()
    {
        var services = new ServiceCollection();
        services.AddRbacKitCore(o =>
        {
            o.Issuer = "https://auth.test";
            o.Audience = "api";
        });
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<RbacKit.Secrets.ISecretProtector>());
        Assert.Contains("KeyEncryptionKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_twice_is_harmless_and_configuration_accumulates()
    {
        var services = new ServiceCollection();
        services.AddRbacKitCore(o => o.Issuer = "https://a");
        services.AddRbacKitCore(o => o.Audience = "b");
        Assert.Single(services, d => d.ServiceType == typeof(RbacKit.TokenValidation.IAccessTokenValidator));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<RbacKitOptions>));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<RbacKitOptions>>().Value;
        Assert.Equal(("https://a", "b"), (options.Issuer, options.Audience));
    }

    [Fact]
    public void Default_options_are_secure()
    {
        var o = new RbacKitOptions();
        Assert.Equal("RS256", o.Tokens.Algorithm);
        Assert.True(o.Tokens.ClockSkew <= TimeSpan.FromSeconds(30));
        Assert.Equal(12, o.Passwords.MinLength);
        Assert.Equal(128, o.Passwords.MaxLength);
        Assert.False(o.Tokens.AllowUnprotectedKeys);
        Assert.Equal("user", o.DefaultRole);
    }
}
