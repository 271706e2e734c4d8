using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Stores;
using RbacKit.Tokens;

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

        var kid = await issuer.Services.GetRequiredService<IKeyRing>().RotateAsync(default);
        var after = await issuer.CreateUserAsync();

        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(after.AccessToken).GetAsync("/catalog")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(before.AccessToken).GetAsync("/catalog")).StatusCode);
        Assert.True(resource.Services.GetRequiredService<IValidationKeySource>().TryGetKey(kid, out _, out _));
    }

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
