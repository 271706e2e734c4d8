using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Keys;
using RbacKit.Stores;

namespace RbacKit.AspNetCore.Tests;

public sealed class ResourceServerTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly AuthHost _issuer = fixture.Host;

    [Fact]
    public async Task Tokens_of_the_issuer_are_accepted_and_authorized_from_their_perms_claim()
    {
        await using var resource = await ResourceHost.StartAsync(_issuer);
        Assert.Null(resource.Services.GetService<IUserStore>());
        var user = await _issuer.CreateUserAsync();
        var moderator = await _issuer.CreateUserAsync("moderator");
        var superadmin = await _issuer.CreateUserAsync("superadmin");

        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(user.AccessToken).GetAsync("/catalog")).StatusCode);
        await (await resource.CreateClient(user.AccessToken).PostAsync("/catalog", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(moderator.AccessToken).PostAsync("/catalog", null)).StatusCode);
        await (await resource.CreateClient(moderator.AccessToken).GetAsync("/series")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(superadmin.AccessToken).GetAsync("/series")).StatusCode);
        var whoami = await (await resource.CreateClient(moderator.AccessToken).GetAsync("/whoami")).JsonAsync();
        Assert.Equal(moderator.Id, whoami.GetProperty("userId").GetGuid());
        await (await resource.CreateClient(null).GetAsync("/catalog")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_rotated_key_is_picked_up()
    {
        await using var issuer = await AuthHost.StartAsync();
        await using var resource = await ResourceHost.StartAsync(issuer);
        var before = await issuer.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(before.AccessToken).GetAsync("/catalog")).StatusCode);

        var kid = await issuer.Services.GetRequiredService<IKeyRing>().RotateAsync(TimeSpan.Zero, default);
        var after = await issuer.CreateUserAsync();

        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(after.AccessToken).GetAsync("/catalog")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(before.AccessToken).GetAsync("/catalog")).StatusCode);
        Assert.True(resource.Services.GetRequiredService<IValidationKeySource>().TryGetKey(kid, out _, out _));
    }

    [Fact]
    public async Task A_service_started_before_its_issuer_loads_the_keys_once_the_issuer_answers()
    {
        var gate = new IssuerGate();
        await using var resource = await ResourceHost.StartAsync(_issuer, o => o.UnknownKeyRefreshInterval = TimeSpan.FromSeconds(10), wrapIssuer: inner => gate.Wrap(inner));
        var user = await _issuer.CreateUserAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await resource.CreateClient(null).GetAsync("/health/ready")).StatusCode);
        var refused = await (await resource.CreateClient(user.AccessToken).GetAsync("/catalog")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("token_key_unknown", refused.GetProperty("reason").GetString());

        // The unknown-kid refresh above was spent while the issuer was down; the background retry still loads the keys.
        gate.Open = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await resource.CreateClient(null).GetAsync("/health/ready", timeout.Token)).StatusCode != HttpStatusCode.OK)
        {
            await Task.Delay(100, timeout.Token);
        }

        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(user.AccessToken).GetAsync("/catalog")).StatusCode);
    }

    [Theory]
    [InlineData(0, 3600)]
    [InlineData(1, 1)]
    [InlineData(5, 5)]
    [InlineData(1000, 30)]
    public void Failed_key_reads_are_retried_soon_and_never_more_often_than_every_second(int failures, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RemoteKeyRefresher.NextDelay(failures, TimeSpan.FromHours(1)));

    [Fact]
    public async Task A_token_signed_by_an_unknown_key_is_refused()
    {
        await using var resource = await ResourceHost.StartAsync(_issuer);
        var forged = BearerAuthenticationTests.ForgeToken(Guid.NewGuid(), "not-published");

        var problem = await (await resource.CreateClient(forged).GetAsync("/catalog")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("token_key_unknown", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        await using var resource = await ResourceHost.StartAsync(_issuer, o => o.Audience = "another-api");
        var user = await _issuer.CreateUserAsync();

        var problem = await (await resource.CreateClient(user.AccessToken).GetAsync("/catalog")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("token_audience_invalid", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Keys_of_a_discovery_document_with_another_issuer_are_not_used()
    {
        await using var resource = await ResourceHost.StartAsync(_issuer, o => o.Issuer = "https://someone-else.example");
        var user = await _issuer.CreateUserAsync();

        var problem = await (await resource.CreateClient(user.AccessToken).GetAsync("/catalog")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("token_key_unknown", problem.GetProperty("reason").GetString());
    }
}

internal sealed class IssuerGate
{
    private volatile bool _open;

    public bool Open { get => _open; set => _open = value; }

    public HttpMessageHandler Wrap(HttpMessageHandler inner) => new Handler(this) { InnerHandler = inner };

    private sealed class Handler(IssuerGate gate) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            gate.Open ? base.SendAsync(request, cancellationToken) : Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
    }
}
