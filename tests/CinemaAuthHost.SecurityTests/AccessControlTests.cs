using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CinemaAuthHost.SecurityTests;

public sealed class AccessControlFixture : SecurityHostFixture
{
    protected override string Name => "access";
}

/// <summary>Horizontal and vertical access control: another user's sessions, mass assignment, privilege escalation.</summary>
public sealed class AccessControlTests(AccessControlFixture fixture) : IClassFixture<AccessControlFixture>
{
    private SecurityHost Host => fixture.Host;

    private async Task<Guid> IdOfAsync(string email)
    {
        using var client = await Host.ClientAsync(email);
        return (await (await client.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_user_cannot_read_or_end_another_users_sessions_or_history()
    {
        var alice = await Host.RegisterAsync("alice");
        var bob = await Host.RegisterAsync("bob");
        var aliceTokens = await Host.LoginAsync(alice);
        using var aliceClient = Host.CreateClient(aliceTokens.AccessToken);
        using var bobClient = Host.CreateClient((await Host.LoginAsync(bob)).AccessToken);

        var aliceSessions = (await (await aliceClient.GetAsync("/me/sessions")).JsonAsync()).EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToArray();
        Assert.NotEmpty(aliceSessions);
        var bobSessions = (await (await bobClient.GetAsync("/me/sessions")).JsonAsync()).EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToArray();
        Assert.Empty(aliceSessions.Intersect(bobSessions));

        foreach (var session in aliceSessions)
        {
            await (await bobClient.DeleteAsync($"/me/sessions/{session}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }

        (await aliceClient.GetAsync("/me")).EnsureSuccessStatusCode(); // still signed in

        var bobHistory = await (await bobClient.GetAsync("/me/login-history?pageSize=100")).JsonAsync();
        Assert.DoesNotContain(alice.Email, bobHistory.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, bobHistory.GetProperty("total").GetInt32());

        // The admin routes about other users need permissions a user does not have.
        await (await bobClient.GetAsync($"/users/{alice.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await bobClient.DeleteAsync($"/users/{alice.Id}/sessions")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await bobClient.GetAsync("/users")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await bobClient.GetAsync($"/users/{alice.Id}/permissions/movies:read")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await aliceClient.GetAsync("/me")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Roles_isActive_and_id_in_register_and_profile_bodies_are_ignored()
    {
        var email = Api.NewEmail("mass");
        var chosenId = Guid.NewGuid();
        using var anonymous = Host.CreateClient();
        var registered = await (await anonymous.PostAsJsonAsync("/auth/register", new
        {
            id = chosenId,
            email,
            password = Api.StrongPassword,
            passwordConfirm = Api.StrongPassword,
            firstName = "Mal",
            lastName = "Lory",
            roles = new[] { "superadmin", "admin" },
            role = "superadmin",
            isActive = false,
            mfaEnabled = true,
            authorizationVersion = 999,
            permissions = new[] { "*" },
            emailConfirmed = true,
        })).JsonAsync(HttpStatusCode.Created);
        Assert.NotEqual(chosenId, registered.GetProperty("id").GetGuid());
        Assert.Equal(["user"], registered.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        using var client = Host.CreateClient((await Host.LoginAsync(email, Api.StrongPassword)).AccessToken); // active, no MFA demanded
        var patched = await (await client.PatchAsJsonAsync("/me", new
        {
            firstName = "Renamed",
            id = Guid.NewGuid(),
            email = "someone-else@example.com",
            roles = new[] { "superadmin" },
            isActive = false,
            mfaEnabled = true,
        })).JsonAsync();
        Assert.Equal("Renamed", patched.GetProperty("firstName").GetString());
        Assert.Equal(registered.GetProperty("id").GetGuid(), patched.GetProperty("id").GetGuid());
        Assert.Equal(email, patched.GetProperty("email").GetString());
        Assert.Equal(["user"], patched.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(patched.GetProperty("mfaEnabled").GetBoolean());

        var permissions = await (await client.GetAsync("/me/permissions")).JsonAsync();
        Assert.Equal(["movies:read"], permissions.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        await (await client.GetAsync("/users")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.PostAsJsonAsync("/movies", new { title = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_admin_cannot_grant_superadmin_or_a_permission_it_lacks()
    {
        var target = await Host.RegisterAsync("target");
        using var admin = await Host.ClientAsync(Api.Admin);
        await (await admin.PostAsJsonAsync($"/users/{target.Id}/roles", new { role = "superadmin" })).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        await (await admin.PostAsJsonAsync($"/users/{target.Id}/roles", new { role = "moderator" })).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");

        var adminId = await IdOfAsync(Api.Admin);
        await (await admin.PostAsJsonAsync($"/users/{adminId}/roles", new { role = "superadmin" })).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        await (await admin.PostAsJsonAsync($"/users/{adminId}/roles", new { role = "moderator" })).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");

        var role = await admin.PostAsJsonAsync("/roles", new { name = $"sneaky-{Guid.NewGuid():N}"[..20], description = "x", permissions = new[] { "movies:write" } });
        await role.AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        var wildcard = await admin.PostAsJsonAsync("/roles", new { name = $"wild-{Guid.NewGuid():N}"[..20], description = "x", permissions = new[] { "*" } });
        await wildcard.AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");

        // An admin cannot widen an existing role it could otherwise edit either.
        var own = await (await admin.PostAsJsonAsync("/roles", new { name = $"ok-{Guid.NewGuid():N}"[..20], description = "x", permissions = new[] { "users:read" } })).JsonAsync(HttpStatusCode.Created);
        var widen = await admin.PutAsJsonAsync($"/roles/{own.GetProperty("id").GetGuid()}", new { name = own.GetProperty("name").GetString(), description = "x", permissions = new[] { "users:read", "movies:write" } });
        await widen.AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");

        using var check = Host.CreateClient((await Host.LoginAsync(target)).AccessToken);
        var permissions = await (await check.GetAsync("/me/permissions")).JsonAsync();
        Assert.Equal(["movies:read"], permissions.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task The_last_superadmin_cannot_be_removed()
    {
        var superadminId = await IdOfAsync(Api.Superadmin);
        using var superadmin = await Host.ClientAsync(Api.Superadmin);
        await (await superadmin.DeleteAsync($"/users/{superadminId}/roles/superadmin")).AssertProblemAsync(HttpStatusCode.Conflict, "last_superadmin");

        using var admin = await Host.ClientAsync(Api.Admin);
        var byAdmin = await admin.DeleteAsync($"/users/{superadminId}/roles/superadmin");
        Assert.True(byAdmin.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Conflict, $"{(int)byAdmin.StatusCode}");

        var roles = await (await admin.GetAsync("/roles")).JsonAsync();
        var superRole = roles.EnumerateArray().First(r => r.GetProperty("name").GetString() == "superadmin").GetProperty("id").GetGuid();
        var deleteRole = await superadmin.DeleteAsync($"/roles/{superRole}");
        Assert.True(deleteRole.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden, $"{(int)deleteRole.StatusCode}");

        // The superadmin can still do superadmin things.
        var me = await (await superadmin.GetAsync("/me")).JsonAsync();
        Assert.Contains("superadmin", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_deactivated_account_deactivating_itself_again_or_reusing_tokens_gets_401()
    {
        var account = await Host.RegisterAsync("gone");
        var tokens = await Host.LoginAsync(account);
        using var client = Host.CreateClient(tokens.AccessToken);
        await (await client.SendAsync(HttpMethod.Delete, "/me", JsonSerializer.Serialize(new { password = account.Password }))).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync("/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        using var anonymous = Host.CreateClient();
        await (await anonymous.PostAsJsonAsync("/auth/refresh", new { refreshToken = tokens.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }
}
