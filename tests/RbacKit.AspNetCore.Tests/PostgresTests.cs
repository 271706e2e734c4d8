using System.Net;
using System.Net.Http.Json;
using RbacKit.Accounts;

namespace RbacKit.AspNetCore.Tests;

/// <summary>The web flows on PostgreSQL. Needs the PostgreSQL server of ./test.sh: fails without it.</summary>
public sealed class PostgresTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private AuthHost _host = null!;

    public async Task InitializeAsync()
    {
        _database = TestDatabase.Postgres();
        _host = await AuthHost.StartAsync(o => o.Database = _database);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Register_login_refresh_and_logout()
    {
        var email = AuthHost.NewEmail();
        await _host.RegisterAsync(email);
        await (await _host.Client.PostAsJsonAsync("/auth/register", new { email, password = AuthHost.Password, passwordConfirm = AuthHost.Password, firstName = "A", lastName = "B" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "email_taken");
        var pair = await _host.LoginAsync(email);

        var next = await (await _host.Client.PostAsJsonAsync("/auth/refresh", new { refreshToken = pair.RefreshToken })).ReadAsync<TokenPair>();
        await (await _host.Client.PostAsJsonAsync("/auth/refresh", new { refreshToken = pair.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized, "token_reused");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient(next.AccessToken).GetAsync("/me")).StatusCode);

        var again = await _host.LoginAsync(email);
        var client = _host.CreateClient(again.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task Administration_and_permissions()
    {
        var admin = _host.CreateClient((await _host.CreateUserAsync("superadmin")).AccessToken);
        var user = await _host.CreateUserAsync();
        var client = _host.CreateClient(user.AccessToken);
        await (await client.PostAsync("/minimal/write", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/users/{user.Id}/roles", new { role = "moderator" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/minimal/write", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/mvc/movies", null)).StatusCode);

        var history = await (await client.GetAsync("/me/login-history")).JsonAsync();
        Assert.Equal(1, history.GetProperty("total").GetInt64());
        var page = await (await admin.GetAsync($"/users?search={Uri.EscapeDataString(user.Email)}")).JsonAsync();
        Assert.Equal(1, page.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Mfa_enrolment_and_login_with_a_recovery_code()
    {
        var user = await _host.CreateUserAsync();
        var codes = await Mfa.EnableAsync(_host.CreateClient(user.AccessToken));

        await (await _host.Client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = AuthHost.Password })).AssertProblemAsync(HttpStatusCode.Unauthorized, "mfa_required");
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = AuthHost.Password, recoveryCode = codes[1] })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = AuthHost.Password, recoveryCode = codes[1] })).StatusCode);
    }
}
