using System.Net;
using System.Net.Http.Json;
using RbacKit.Accounts;
using RbacKit.Administration;

namespace RbacKit.AspNetCore.Tests;

public sealed class AdminApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly AuthHost _host = fixture.Host;

    [Fact]
    public async Task Permissions_lists_the_catalog_for_role_readers_only()
    {
        var admin = await _host.CreateUserAsync("admin");
        var user = await _host.CreateUserAsync();

        var catalog = await (await _host.CreateClient(admin.AccessToken).GetAsync("/permissions")).ReadAsync<PermissionInfo[]>();
        Assert.Contains(catalog, p => p is { Name: "movies:write", Description: "Change movies" });
        Assert.Contains(catalog, p => p.Name == "roles:read");

        await (await _host.CreateClient(user.AccessToken).GetAsync("/permissions")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await _host.Client.GetAsync("/permissions")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Roles_can_be_created_read_updated_and_deleted()
    {
        var admin = _host.CreateClient((await _host.CreateUserAsync("superadmin")).AccessToken);
        var name = $"editor-{Guid.NewGuid():N}"[..20];

        var created = await (await admin.PostAsJsonAsync("/roles", new { name, description = "Edits", permissions = new[] { "movies:write" }, isSystem = true, id = Guid.Empty }))
            .ReadAsync<RoleInfo>(HttpStatusCode.Created);
        Assert.Equal(name, created.Name);
        Assert.False(created.IsSystem);
        Assert.Equal(["movies:write"], created.Permissions);

        await (await admin.PostAsJsonAsync("/roles", new { name, permissions = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.Conflict, "role_name_taken");
        await (await admin.PostAsJsonAsync("/roles", new { name = "Bad Name!", permissions = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.PostAsJsonAsync("/roles", new { name = "x-unknown", permissions = new[] { "nope:nope" } })).AssertProblemAsync(HttpStatusCode.BadRequest, "unknown_permission");

        var read = await (await admin.GetAsync($"/roles/{created.Id}")).ReadAsync<RoleInfo>();
        Assert.Equivalent(created, read, strict: true);
        var all = await (await admin.GetAsync("/roles")).ReadAsync<RoleInfo[]>();
        Assert.Contains(all, r => r.Name == "superadmin" && r.IsSystem);
        Assert.Contains(all, r => r.Id == created.Id);

        var updated = await (await admin.SendJsonAsync(HttpMethod.Put, $"/roles/{created.Id}", new { name, description = "Reads", permissions = new[] { "movies:read", "series:*" } }))
            .ReadAsync<RoleInfo>();
        Assert.Equal(["movies:read", "series:*"], updated.Permissions);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/roles/{created.Id}")).StatusCode);
        await (await admin.GetAsync($"/roles/{created.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.DeleteAsync($"/roles/{created.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.SendJsonAsync(HttpMethod.Put, $"/roles/{created.Id}", new { name, permissions = Array.Empty<string>() })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task System_roles_cannot_be_deleted()
    {
        var admin = _host.CreateClient((await _host.CreateUserAsync("superadmin")).AccessToken);
        var superadmin = (await (await admin.GetAsync("/roles")).ReadAsync<RoleInfo[]>()).Single(r => r.Name == "superadmin");
        await (await admin.DeleteAsync($"/roles/{superadmin.Id}")).AssertProblemAsync(HttpStatusCode.Conflict, "system_role");
    }

    [Fact]
    public async Task Role_writes_need_roles_write_and_respect_escalation()
    {
        var reader = await _host.CreateUserAsync("series-reader");
        await (await _host.CreateClient(reader.AccessToken).PostAsJsonAsync("/roles", new { name = "x", permissions = Array.Empty<string>() }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var admin = _host.CreateClient((await _host.CreateUserAsync("admin")).AccessToken);
        await (await admin.PostAsJsonAsync("/roles", new { name = $"r{Guid.NewGuid():N}"[..12], permissions = new[] { "movies:write" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
    }

    [Fact]
    public async Task Users_are_listed_searched_and_read()
    {
        var admin = _host.CreateClient((await _host.CreateUserAsync("admin")).AccessToken);
        var target = await _host.CreateUserAsync("moderator");

        var page = await (await admin.GetAsync($"/users?search={Uri.EscapeDataString(target.Email)}&page=1&pageSize=10")).ReadAsync<PagedResult<UserSummary>>();
        var found = Assert.Single(page.Items);
        Assert.Equal(target.Id, found.Id);
        Assert.Equal(1, page.Total);

        var all = await (await admin.GetAsync("/users")).ReadAsync<PagedResult<UserSummary>>();
        Assert.Equal(1, all.Page);
        Assert.Equal(20, all.PageSize);
        Assert.True(all.Total >= 2);

        var profile = await (await admin.GetAsync($"/users/{target.Id}")).ReadAsync<UserProfile>();
        Assert.Equal(["moderator", "user"], profile.Roles);
        await (await admin.GetAsync($"/users/{Guid.CreateVersion7()}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.GetAsync("/users?page=-1")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var user = await _host.CreateUserAsync();
        await (await _host.CreateClient(user.AccessToken).GetAsync("/users")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Granting_and_revoking_roles_takes_effect_on_the_next_request()
    {
        var admin = _host.CreateClient((await _host.CreateUserAsync("superadmin")).AccessToken);
        var target = await _host.CreateUserAsync();
        var targetClient = _host.CreateClient(target.AccessToken);
        await (await targetClient.PostAsync("/minimal/write", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/users/{target.Id}/roles", new { role = "moderator" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await targetClient.PostAsync("/minimal/write", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/users/{target.Id}/roles/moderator")).StatusCode);
        await (await targetClient.PostAsync("/minimal/write", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        await (await admin.PostAsJsonAsync($"/users/{target.Id}/roles", new { role = "no-such-role" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.PostAsJsonAsync($"/users/{Guid.CreateVersion7()}/roles", new { role = "moderator" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.PostAsJsonAsync($"/users/{target.Id}/roles", new { })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.DeleteAsync($"/users/{target.Id}/roles/moderator")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task An_admin_cannot_grant_superadmin_or_what_it_lacks()
    {
        var admin = _host.CreateClient((await _host.CreateUserAsync("admin")).AccessToken);
        var target = await _host.CreateUserAsync();

        await (await admin.PostAsJsonAsync($"/users/{target.Id}/roles", new { role = "superadmin" })).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        await (await admin.PostAsJsonAsync($"/users/{target.Id}/roles", new { role = "moderator" })).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/users/{target.Id}/roles", new { role = "admin" })).StatusCode);
    }

    [Fact]
    public async Task The_last_superadmin_keeps_the_role()
    {
        await using var host = await AuthHost.StartAsync();
        var only = await host.CreateUserAsync("superadmin");
        var client = host.CreateClient(only.AccessToken);
        await (await client.DeleteAsync($"/users/{only.Id}/roles/superadmin")).AssertProblemAsync(HttpStatusCode.Conflict, "last_superadmin");
        await (await client.SendJsonAsync(HttpMethod.Delete, "/me", new { password = AuthHost.Password })).AssertProblemAsync(HttpStatusCode.Conflict, "last_superadmin");
    }

    [Fact]
    public async Task Ending_a_users_sessions_stops_their_tokens()
    {
        var admin = _host.CreateClient((await _host.CreateUserAsync("admin")).AccessToken);
        var target = await _host.CreateUserAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/users/{target.Id}/sessions")).StatusCode);

        await (await _host.CreateClient(target.AccessToken).GetAsync("/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await (await admin.DeleteAsync($"/users/{Guid.CreateVersion7()}/sessions")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var reader = await _host.CreateUserAsync("series-reader");
        await (await _host.CreateClient(reader.AccessToken).DeleteAsync($"/users/{target.Id}/sessions")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_users_permission_can_be_checked()
    {
        var admin = _host.CreateClient((await _host.CreateUserAsync("admin")).AccessToken);
        var target = await _host.CreateUserAsync("moderator");

        var allowed = await (await admin.GetAsync($"/users/{target.Id}/permissions/movies:write")).ReadAsync<PermissionCheck>();
        Assert.Equal(new PermissionCheck(target.Id, "movies:write", true), allowed);
        var denied = await (await admin.GetAsync($"/users/{target.Id}/permissions/series:read")).ReadAsync<PermissionCheck>();
        Assert.False(denied.Allowed);

        await (await admin.GetAsync($"/users/{target.Id}/permissions/nope:nope")).AssertProblemAsync(HttpStatusCode.BadRequest, "unknown_permission");
        await (await admin.GetAsync($"/users/{Guid.CreateVersion7()}/permissions/movies:read")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Authz_check_answers_for_the_caller()
    {
        var user = _host.CreateClient((await _host.CreateUserAsync()).AccessToken);

        var read = await (await user.PostAsJsonAsync("/authz/check", new { permission = "movies:read" })).ReadAsync<PermissionCheckResponse>();
        Assert.Equal(new PermissionCheckResponse("movies:read", true), read);
        var write = await (await user.PostAsJsonAsync("/authz/check", new { permission = "movies:write", userId = Guid.NewGuid() })).ReadAsync<PermissionCheckResponse>();
        Assert.False(write.Allowed);

        await (await user.PostAsJsonAsync("/authz/check", new { permission = "nope" })).AssertProblemAsync(HttpStatusCode.BadRequest, "unknown_permission");
        await (await _host.Client.PostAsJsonAsync("/authz/check", new { permission = "movies:read" })).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }
}
