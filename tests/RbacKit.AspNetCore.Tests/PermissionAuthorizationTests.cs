using System.Net;

namespace RbacKit.AspNetCore.Tests;

public sealed class PermissionAuthorizationTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly AuthHost _host = fixture.Host;

    [Theory]
    [InlineData("GET", "/minimal/read", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData("POST", "/minimal/write", HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData("GET", "/minimal/all", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK)]
    [InlineData("GET", "/minimal/any", HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData("GET", "/grouped", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK)]
    [InlineData("GET", "/mvc/movies", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData("POST", "/mvc/movies", HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData("GET", "/mvc/movies/special", HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK)]
    public async Task Permissions_decide_access_on_minimal_apis_and_controllers(string method, string path, HttpStatusCode user, HttpStatusCode moderator, HttpStatusCode seriesReader)
    {
        // user: movies:read; moderator: movies:*; series reader: movies:read + series:read.
        await AssertAsync(await _host.CreateUserAsync(), user);
        await AssertAsync(await _host.CreateUserAsync("moderator"), moderator);
        await AssertAsync(await _host.CreateUserAsync("series-reader"), seriesReader);
        var anonymous = await _host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");

        async Task AssertAsync(TestUser caller, HttpStatusCode expected)
        {
            var response = await _host.CreateClient(caller.AccessToken).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            if (expected == HttpStatusCode.Forbidden)
            {
                await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
            }
            else
            {
                Assert.Equal(expected, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task The_feature_and_principal_describe_the_caller()
    {
        var user = await _host.CreateUserAsync("moderator");
        var json = await (await _host.CreateClient(user.AccessToken).GetAsync("/minimal/whoami")).JsonAsync();

        Assert.Equal(user.Id, json.GetProperty("userId").GetGuid());
        Assert.Equal(user.Id.ToString(), json.GetProperty("name").GetString());
        Assert.NotEqual(Guid.Empty, json.GetProperty("sessionId").GetGuid());
        Assert.Equal(["moderator", "user"], json.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
    }

    [Fact]
    public void A_requirement_resolves_names_once_per_catalog_and_fails_closed_on_unknown_names()
    {
        var catalog = new Permissions.PermissionCatalog([new Domain.PermissionDefinition { Name = "a:b" }, new Domain.PermissionDefinition { Name = "c:d" }]);
        var all = new PermissionRequirement(["a:b", "zz:zz"], requireAll: true);
        var any = new PermissionRequirement(["a:b", "zz:zz"], requireAll: false);
        var everything = catalog.All;

        Assert.False(all.IsSatisfiedBy(everything, catalog));
        Assert.True(any.IsSatisfiedBy(everything, catalog));
        Assert.False(any.IsSatisfiedBy(Permissions.PermissionSet.Empty, catalog));
        Assert.Equal(["zz:zz"], all.UnknownPermissions(catalog));
        Assert.Equal("a:b and zz:zz", all.ToString());
        Assert.Equal("a:b or zz:zz", any.ToString());
    }
}
