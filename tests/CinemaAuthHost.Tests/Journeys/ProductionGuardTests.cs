using CinemaAuthHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using RbacKit;

namespace CinemaAuthHost.Tests.Journeys;

/// <summary>Issue 12: outside Development the start-up guard refuses an issuer that is not an absolute https URL.</summary>
public sealed class ProductionGuardTests
{
    private static Action<IApplicationBuilder> Start(string environment, string issuer)
    {
        var options = new RbacKitOptions { Issuer = issuer };
        options.Tokens.KeyEncryptionKey = Convert.ToBase64String(new byte[32]);
        var guard = new ProductionGuard(new HostingEnvironment { EnvironmentName = environment }, Options.Create(options));
        return guard.Configure(_ => { });
    }

    [Theory]
    [InlineData("http://auth.example.com")]
    [InlineData("")]
    [InlineData("auth.example.com")]
    public void Production_refuses_an_issuer_that_is_not_https(string issuer)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Start(Environments.Production, issuer));
        Assert.Contains("RbacKit:Issuer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_accepts_an_https_issuer_and_development_an_http_one()
    {
        Assert.NotNull(Start(Environments.Production, "https://auth.example.com"));
        Assert.NotNull(Start(Environments.Development, "http://localhost:5080"));
    }
}
