using RbacKit.Accounts;
using RbacKit.Administration;
using RbacKit.Caching;

namespace RbacKit.Core.Tests;

public sealed class AdministrationTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private UserProfile _root = null!;
    private UserProfile _admin = null!;
    private UserProfile _user = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _root = await _host.RegisterAsync("root@example.com");
        _admin = await _host.RegisterAsync("admin@example.com");
        _user = await _host.RegisterAsync("user@example.com");
        await _host.GrantAsync(_root.Id, "superadmin");
        await _host.GrantAsync(_admin.Id, "admin");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<RbacResult> GrantAsync(Guid actor, Guid user, string role) =>
        _host.InScopeAsync<IUserAdministrationService, RbacResult>(s => s.GrantRoleAsync(actor, user, role, default));

    private Task<RbacResult> RevokeAsync(Guid actor, Guid user, string role) =>
        _host.InScopeAsync<IUserAdministrationService, RbacResult>(s => s.RevokeRoleAsync(actor, user, role, default));

    private Task<RbacResult<RoleInfo>> CreateRoleAsync(Guid actor, string name, params string[] permissions) =>
        _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.CreateAsync(actor, new RoleInput(name, "test role", permissions), default));

    private async Task<bool> AllowedAsync(Guid user, string permission) =>
        (await _host.InScopeAsync<IUserAdministrationService, RbacResult<PermissionCheck>>(s => s.CheckAsync(user, permission, default))).Value!.Allowed;

    [Fact]
    public async Task Users_are_found_by_email_as_typed_and_roles_by_name_as_typed()
    {
        var found = await _host.InScopeAsync<IUserAdministrationService, RbacResult<UserProfile>>(s => s.FindByEmailAsync("  ADMIN@Example.com ", default));
        Assert.Equal(_admin.Id, found.Value!.Id);
        Assert.Contains("admin", found.Value.Roles);
        var fullwidth = await _host.InScopeAsync<IUserAdministrationService, RbacResult<UserProfile>>(s => s.FindByEmailAsync("\uFF55ser@example.com", default));
        Assert.Equal(_user.Id, fullwidth.Value!.Id);
        foreach (var missing in new[] { "nobody@example.com", "", " ", null })
        {
            var none = await _host.InScopeAsync<IUserAdministrationService, RbacResult<UserProfile>>(s => s.FindByEmailAsync(missing, default));
            Assert.Equal(RbacErrorKind.NotFound, none.Error?.Kind);
        }

        var role = await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.FindByNameAsync(" Admin ", default));
        Assert.Equal("admin", role.Value!.Name);
        var noRole = await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.FindByNameAsync("no-such-role", default));
        Assert.Equal(RbacErrorKind.NotFound, noRole.Error?.Kind);
        Assert.Equal(RbacErrorKind.NotFound, (await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.FindByNameAsync(null, default))).Error?.Kind);
    }

    [Fact]
    public async Task An_admin_cannot_grant_superadmin()
    {
        var result = await GrantAsync(_admin.Id, _user.Id, "superadmin");
        Assert.Equal(RbacErrorCodes.PrivilegeEscalation, result.Error?.Code);
        Assert.Equal(RbacErrorKind.Forbidden, result.Error?.Kind);
        Assert.False(await AllowedAsync(_user.Id, "users:write"));
    }

    [Fact]
    public async Task An_admin_can_grant_a_role_whose_permissions_it_holds()
    {
        var other = await _host.RegisterAsync("other@example.com");
        Assert.True((await GrantAsync(_admin.Id, other.Id, "admin")).Succeeded);
        Assert.True(await AllowedAsync(other.Id, "users:write"));
    }

    [Fact]
    public async Task An_admin_cannot_grant_moderator_because_it_lacks_movies_write()
    {
        var result = await GrantAsync(_admin.Id, _user.Id, "moderator");
        Assert.Equal(RbacErrorCodes.PrivilegeEscalation, result.Error?.Code);
        Assert.False(await AllowedAsync(_user.Id, "movies:write"));
    }

    [Fact]
    public async Task A_superadmin_can_grant_anything_and_the_grant_takes_effect()
    {
        Assert.False(await AllowedAsync(_user.Id, "movies:write"));
        Assert.True((await GrantAsync(_root.Id, _user.Id, "moderator")).Succeeded);
        Assert.True(await AllowedAsync(_user.Id, "movies:write"));
        Assert.True((await GrantAsync(_root.Id, _user.Id, "superadmin")).Succeeded);
        Assert.True(await AllowedAsync(_user.Id, "roles:write"));
        var audit = _host.Store.AuditEvents.Where(e => e.Action == "user.role_granted").ToList();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.Equal(_root.Id, e.ActorId));
    }

    [Fact]
    public async Task Grants_and_revocations_bump_the_authorization_version()
    {
        var before = (await _host.Store.FindByIdAsync(_user.Id, default))!.AuthorizationVersion;
        await GrantAsync(_root.Id, _user.Id, "moderator");
        var afterGrant = (await _host.Store.FindByIdAsync(_user.Id, default))!.AuthorizationVersion;
        await RevokeAsync(_root.Id, _user.Id, "moderator");
        var afterRevoke = (await _host.Store.FindByIdAsync(_user.Id, default))!.AuthorizationVersion;
        Assert.True(afterGrant > before);
        Assert.True(afterRevoke > afterGrant);
        Assert.False(await AllowedAsync(_user.Id, "movies:write"));
    }

    [Fact]
    public async Task The_last_superadmin_cannot_lose_the_role()
    {
        Assert.Equal(RbacErrorCodes.LastSuperadmin, (await RevokeAsync(_root.Id, _root.Id, "superadmin")).Error?.Code);
        await GrantAsync(_root.Id, _user.Id, "superadmin");
        Assert.True((await RevokeAsync(_root.Id, _root.Id, "superadmin")).Succeeded);
        Assert.Equal(RbacErrorCodes.LastSuperadmin, (await RevokeAsync(_user.Id, _user.Id, "superadmin")).Error?.Code);
    }

    [Fact]
    public async Task Only_a_superadmin_can_revoke_superadmin()
    {
        var result = await RevokeAsync(_admin.Id, _root.Id, "superadmin");
        Assert.Equal(RbacErrorCodes.PrivilegeEscalation, result.Error?.Code);
    }

    [Fact]
    public async Task Roles_can_be_created_only_with_permissions_the_actor_holds()
    {
        Assert.Equal(RbacErrorCodes.PrivilegeEscalation, (await CreateRoleAsync(_admin.Id, "editor", "movies:write")).Error?.Code);
        Assert.Equal(RbacErrorCodes.PrivilegeEscalation, (await CreateRoleAsync(_admin.Id, "god", "*")).Error?.Code);
        var created = await CreateRoleAsync(_admin.Id, "auditor", "users:read", "roles:read");
        Assert.True(created.Succeeded);
        Assert.Equal(["roles:read", "users:read"], created.Value.Permissions);
        Assert.Equal(RbacErrorCodes.RoleNameTaken, (await CreateRoleAsync(_root.Id, "auditor")).Error?.Code);
    }

    [Theory]
    [InlineData("movies:delete")]
    [InlineData("nope:*")]
    [InlineData("NOT VALID")]
    public async Task Unknown_permissions_are_refused(string permission) =>
        Assert.Equal(RbacErrorCodes.UnknownPermission, (await CreateRoleAsync(_root.Id, "x", permission)).Error?.Code);

    [Theory]
    [InlineData("")]
    [InlineData("Has Spaces")]
    [InlineData("UPPER")]
    public async Task Bad_role_names_are_refused(string name) =>
        Assert.Equal(RbacErrorCodes.ValidationFailed, (await CreateRoleAsync(_root.Id, name)).Error?.Code);

    [Fact]
    public async Task Updating_a_role_changes_its_holders_permissions_at_once()
    {
        var role = (await CreateRoleAsync(_root.Id, "reader", "movies:read")).Value!;
        await GrantAsync(_root.Id, _user.Id, "reader");
        Assert.False(await AllowedAsync(_user.Id, "series:read"));
        var updated = await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.UpdateAsync(_root.Id, role.Id, new RoleInput("reader", "reads", ["movies:read", "series:read"]), default));
        Assert.True(updated.Succeeded);
        Assert.True(await AllowedAsync(_user.Id, "series:read"));
        var audit = _host.Store.AuditEvents.Last(e => e.Action == "role.updated");
        Assert.Contains("movies:read", audit.Before, StringComparison.Ordinal);
        Assert.Contains("series:read", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task System_roles_cannot_be_deleted_or_renamed_and_superadmin_keeps_its_grants()
    {
        var roles = await _host.InScopeAsync<IRoleService, IReadOnlyList<RoleInfo>>(s => s.ListAsync(default));
        var superadmin = roles.Single(r => r.Name == "superadmin");
        Assert.True(superadmin.IsSystem);
        Assert.Equal(RbacErrorCodes.SystemRole, (await _host.InScopeAsync<IRoleService, RbacResult>(s => s.DeleteAsync(_root.Id, superadmin.Id, default))).Error?.Code);
        Assert.Equal(RbacErrorCodes.SystemRole, (await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.UpdateAsync(_root.Id, superadmin.Id, new RoleInput("root", null, ["*"]), default))).Error?.Code);
        Assert.Equal(RbacErrorCodes.SystemRole, (await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.UpdateAsync(_root.Id, superadmin.Id, new RoleInput("superadmin", null, ["movies:read"]), default))).Error?.Code);
        var user = roles.Single(r => r.Name == "user");
        Assert.Equal(RbacErrorCodes.SystemRole, (await _host.InScopeAsync<IRoleService, RbacResult>(s => s.DeleteAsync(_root.Id, user.Id, default))).Error?.Code);
    }

    [Fact]
    public async Task Deleting_a_role_removes_it_from_holders()
    {
        var role = (await CreateRoleAsync(_root.Id, "temp", "series:read")).Value!;
        await GrantAsync(_root.Id, _user.Id, "temp");
        Assert.True(await AllowedAsync(_user.Id, "series:read"));
        Assert.True((await _host.InScopeAsync<IRoleService, RbacResult>(s => s.DeleteAsync(_root.Id, role.Id, default))).Succeeded);
        Assert.False(await AllowedAsync(_user.Id, "series:read"));
        Assert.Equal(RbacErrorKind.NotFound, (await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.GetAsync(role.Id, default))).Error?.Kind);
    }

    [Fact]
    public async Task Check_refuses_unknown_permissions_and_unknown_users()
    {
        var unknown = await _host.InScopeAsync<IUserAdministrationService, RbacResult<PermissionCheck>>(s => s.CheckAsync(_user.Id, "movies:fly", default));
        Assert.Equal(RbacErrorCodes.UnknownPermission, unknown.Error?.Code);
        var nobody = await _host.InScopeAsync<IUserAdministrationService, RbacResult<PermissionCheck>>(s => s.CheckAsync(Guid.CreateVersion7(), "movies:read", default));
        Assert.Equal(RbacErrorKind.NotFound, nobody.Error?.Kind);
    }

    [Fact]
    public async Task Search_pages_users()
    {
        var page = await _host.InScopeAsync<IUserAdministrationService, RbacResult<PagedResult<UserSummary>>>(s => s.SearchAsync("example", 1, 2, default));
        Assert.Equal(3, page.Value!.Total);
        Assert.Equal(2, page.Value.Items.Count);
        var one = await _host.InScopeAsync<IUserAdministrationService, RbacResult<PagedResult<UserSummary>>>(s => s.SearchAsync("admin@", 1, 20, default));
        Assert.Equal(["admin@example.com"], one.Value!.Items.Select(u => u.Email));
    }

    [Fact]
    public async Task Ending_a_users_sessions_revokes_them_all()
    {
        await _host.LoginOkAsync("user@example.com");
        await _host.LoginOkAsync("user@example.com");
        Assert.True((await _host.InScopeAsync<IUserAdministrationService, RbacResult>(s => s.EndSessionsAsync(_admin.Id, _user.Id, default))).Succeeded);
        Assert.Empty(await _host.Store.ListActiveAsync(_user.Id, _host.Time.GetUtcNow(), default));
    }

    [Fact]
    public async Task Cached_authorization_is_dropped_when_a_change_is_published()
    {
        var state = _host.Get<IAuthorizationStateProvider>();
        var loads = _host.Store.AuthorizationLoads;
        await state.GetUserAsync(_user.Id, 0, default);
        await state.GetUserAsync(_user.Id, 0, default);
        Assert.Equal(loads + 1, _host.Store.AuthorizationLoads);

        await GrantAsync(_root.Id, _user.Id, "moderator");
        var fresh = await state.GetUserAsync(_user.Id, 0, default);
        Assert.Contains("moderator", fresh!.Roles);

        // A token carrying a newer version than the cache forces a reload too.
        var version = fresh.Version;
        await _host.Store.AddUserRoleAsync(new Domain.UserRole { UserId = _user.Id, RoleId = (await _host.Store.FindByNameAsync("ADMIN", default))!.Id, GrantedAt = _host.Time.GetUtcNow() }, null, default);
        Assert.Equal(version, (await state.GetUserAsync(_user.Id, 0, default))!.Version);
        Assert.Equal(version + 1, (await state.GetUserAsync(_user.Id, version + 1, default))!.Version);
    }

    [Fact]
    public async Task A_role_edit_reloads_only_that_role_and_every_holder_sees_it_at_once()
    {
        var critic = (await CreateRoleAsync(_root.Id, "critic", "movies:read")).Value!;
        var second = await _host.RegisterAsync("second-critic@example.com");
        UserProfile[] holders = [_user, second];
        foreach (var holder in holders)
        {
            Assert.True((await GrantAsync(_root.Id, holder.Id, "critic")).Succeeded);
        }

        var state = _host.Get<IAuthorizationStateProvider>();
        foreach (var id in holders.Select(h => h.Id).Append(_admin.Id))
        {
            Assert.DoesNotContain("movies:write", (await state.GetUserAsync(id, 0, default))!.Grants);
        }

        var versions = await Task.WhenAll(holders.Select(async h => (await _host.Store.FindByIdAsync(h.Id, default))!.AuthorizationVersion));
        var edited = await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.UpdateAsync(_root.Id, critic.Id, new RoleInput("critic", "test role", ["movies:read", "movies:write"]), default));
        Assert.True(edited.Succeeded);
        var userLoads = _host.Store.AuthorizationLoads;
        var roleLoads = _host.Store.RoleLoads;

        foreach (var holder in holders)
        {
            var now = (await state.GetUserAsync(holder.Id, 0, default))!;
            Assert.Contains("movies:write", now.Grants);
            Assert.Contains("critic", now.Roles);
        }

        // The admin holds no critic role: its entry stays warm. The holders were recomposed from one role load, and
        // their rows (and versions) were never rewritten.
        Assert.Contains("admin", (await state.GetUserAsync(_admin.Id, 0, default))!.Roles);
        Assert.Equal(userLoads, _host.Store.AuthorizationLoads);
        Assert.Equal(roleLoads + 1, _host.Store.RoleLoads);
        Assert.Equal(versions, await Task.WhenAll(holders.Select(async h => (await _host.Store.FindByIdAsync(h.Id, default))!.AuthorizationVersion)));

        // Warm again: no load of any kind.
        await state.GetUserAsync(_user.Id, 0, default);
        Assert.Equal((userLoads, roleLoads + 1), (_host.Store.AuthorizationLoads, _host.Store.RoleLoads));
    }

    [Fact]
    public async Task Deleting_a_role_drops_it_from_every_holder_without_reloading_the_users()
    {
        var critic = (await CreateRoleAsync(_root.Id, "critic", "movies:read")).Value!;
        Assert.True((await GrantAsync(_root.Id, _user.Id, "critic")).Succeeded);
        var state = _host.Get<IAuthorizationStateProvider>();
        Assert.Contains("critic", (await state.GetUserAsync(_user.Id, 0, default))!.Roles);
        var userLoads = _host.Store.AuthorizationLoads;

        Assert.True((await _host.InScopeAsync<IRoleService, RbacResult>(s => s.DeleteAsync(_root.Id, critic.Id, default))).Succeeded);
        var now = (await state.GetUserAsync(_user.Id, 0, default))!;
        Assert.DoesNotContain("critic", now.Roles);
        Assert.Contains("user", now.Roles);
        Assert.Equal(userLoads, _host.Store.AuthorizationLoads);
    }

    [Fact]
    public async Task Granting_or_revoking_a_role_bumps_and_reloads_only_that_user()
    {
        var state = _host.Get<IAuthorizationStateProvider>();
        await state.GetUserAsync(_user.Id, 0, default);
        await state.GetUserAsync(_admin.Id, 0, default);
        await state.GetUserAsync(_root.Id, 0, default); // the actor: the guard reads its grants
        var adminVersion = (await _host.Store.FindByIdAsync(_admin.Id, default))!.AuthorizationVersion;
        var userVersion = (await _host.Store.FindByIdAsync(_user.Id, default))!.AuthorizationVersion;
        var loads = _host.Store.AuthorizationLoads;

        Assert.True((await GrantAsync(_root.Id, _user.Id, "moderator")).Succeeded);
        Assert.Contains("moderator", (await state.GetUserAsync(_user.Id, 0, default))!.Roles);
        Assert.True((await RevokeAsync(_root.Id, _user.Id, "moderator")).Succeeded);
        Assert.DoesNotContain("moderator", (await state.GetUserAsync(_user.Id, 0, default))!.Roles);
        await state.GetUserAsync(_admin.Id, 0, default);

        Assert.Equal(loads + 2, _host.Store.AuthorizationLoads);
        Assert.Equal(userVersion + 2, (await _host.Store.FindByIdAsync(_user.Id, default))!.AuthorizationVersion);
        Assert.Equal(adminVersion, (await _host.Store.FindByIdAsync(_admin.Id, default))!.AuthorizationVersion);
    }
}
