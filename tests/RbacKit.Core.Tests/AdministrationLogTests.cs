using Microsoft.Extensions.Logging;
using RbacKit.Accounts;
using RbacKit.Administration;
using RbacKit.Testing.Logging;

namespace RbacKit.Core.Tests;

/// <summary>
/// The Core services log by themselves, so a direct caller of <see cref="IRoleService"/> or
/// <see cref="IUserAdministrationService"/> (no web layer) gets the security log: refused escalations as Warnings
/// (2601-2603) and logins, grants, revocations and role changes as one Information line each, with ids and names only.
/// </summary>
public sealed class AdministrationLogTests : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private TestHost _host = null!;
    private UserProfile _root = null!;
    private UserProfile _admin = null!;
    private UserProfile _user = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.CreateAsync(logs: _logs);
        _root = await _host.RegisterAsync("root@example.com");
        _admin = await _host.RegisterAsync("admin@example.com");
        _user = await _host.RegisterAsync("user@example.com");
        await _host.GrantAsync(_root.Id, "superadmin");
        await _host.GrantAsync(_admin.Id, "admin");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private CapturedLogEntry Single(int eventId)
    {
        var entries = _logs.WithEventId(eventId);
        Assert.True(entries.Count == 1, $"expected one entry {eventId}, got {entries.Count}");
        return entries[0];
    }

    [Fact]
    public async Task A_refused_escalation_is_logged_by_the_core_service_itself()
    {
        var result = await _host.InScopeAsync<IUserAdministrationService, RbacResult>(s => s.GrantRoleAsync(_admin.Id, _user.Id, "superadmin", default));
        Assert.Equal(RbacErrorCodes.PrivilegeEscalation, result.Error?.Code);
        var entry = Single(2601);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(_admin.Id, entry["ActorId"]);
        Assert.Equal("grant role", entry["Action"]);
        Assert.Equal($"user {_user.Id}", entry["Target"]);
        Assert.Equal("superadmin", entry["Refused"]);
        Assert.Equal(RbacErrorCodes.PrivilegeEscalation, entry["Reason"]);

        var create = await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.CreateAsync(_admin.Id, new RoleInput("writers", null, ["movies:write"]), default));
        Assert.Equal(RbacErrorCodes.PrivilegeEscalation, create.Error?.Code);
        var lacking = Single(2602);
        Assert.Equal("create role", lacking["Action"]);
        Assert.Equal("movies:write", lacking["Refused"]);

        var last = await _host.InScopeAsync<IUserAdministrationService, RbacResult>(s => s.RevokeRoleAsync(_root.Id, _root.Id, "superadmin", default));
        Assert.Equal(RbacErrorCodes.LastSuperadmin, last.Error?.Code);
        Assert.Equal(_root.Id, Single(2603)["ActorId"]);
    }

    [Fact]
    public async Task A_login_a_grant_a_revocation_and_a_role_change_each_leave_one_information_line()
    {
        await _host.LoginOkAsync("user@example.com");
        var login = Single(1002);
        Assert.Equal(LogLevel.Information, login.Level);
        Assert.Equal(_user.Id, login["UserId"]);

        Assert.True((await _host.InScopeAsync<IUserAdministrationService, RbacResult>(s => s.GrantRoleAsync(_root.Id, _user.Id, "moderator", default))).Succeeded);
        var grant = Single(1311);
        Assert.Equal((_root.Id, _user.Id, "moderator"), ((Guid)grant["ActorId"]!, (Guid)grant["UserId"]!, (string)grant["Role"]!));

        Assert.True((await _host.InScopeAsync<IUserAdministrationService, RbacResult>(s => s.RevokeRoleAsync(_root.Id, _user.Id, "moderator", default))).Succeeded);
        var revoke = Single(1312);
        Assert.Equal((_root.Id, _user.Id, "moderator"), ((Guid)revoke["ActorId"]!, (Guid)revoke["UserId"]!, (string)revoke["Role"]!));

        var created = await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.CreateAsync(_root.Id, new RoleInput("readers", null, ["movies:read"]), default));
        Assert.Equal(created.Value!.Id, Single(1313)["RoleId"]);
        Assert.True((await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.UpdateAsync(_root.Id, created.Value.Id, new RoleInput("readers", null, ["movies:read", "series:read"]), default))).Succeeded);
        var change = Single(1314);
        Assert.Equal(LogLevel.Information, change.Level);
        Assert.Equal(_root.Id, change["ActorId"]);
        Assert.Equal("readers", change["Role"]);
        Assert.Equal("movies:read,series:read", change["Permissions"]);

        // Nothing secret: no password in any line.
        Assert.All(_logs.Entries, e => Assert.DoesNotContain(TestHost.Password, e.AllText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_a_superadmin_ends_a_superadmins_sessions_or_changes_the_default_role()
    {
        var sessions = await _host.InScopeAsync<IUserAdministrationService, RbacResult>(s => s.EndSessionsAsync(_admin.Id, _root.Id, default));
        Assert.Equal(RbacErrorCodes.PrivilegeEscalation, sessions.Error?.Code);
        Assert.True((await _host.InScopeAsync<IUserAdministrationService, RbacResult>(s => s.EndSessionsAsync(_admin.Id, _user.Id, default))).Succeeded);
        Assert.True((await _host.InScopeAsync<IUserAdministrationService, RbacResult>(s => s.EndSessionsAsync(_root.Id, _root.Id, default))).Succeeded);

        var user = (await _host.InScopeAsync<IRoleService, IReadOnlyList<RoleInfo>>(s => s.ListAsync(default))).Single(r => r.Name == "user");
        var widened = await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.UpdateAsync(_admin.Id, user.Id, new RoleInput("user", null, [.. user.Permissions, "users:read"]), default));
        Assert.Equal(RbacErrorCodes.PrivilegeEscalation, widened.Error?.Code);
        Assert.Equal(2, _logs.WithEventId(2601).Count);
        Assert.True((await _host.InScopeAsync<IRoleService, RbacResult<RoleInfo>>(s => s.UpdateAsync(_root.Id, user.Id, new RoleInput("user", null, [.. user.Permissions, "series:read"]), default))).Succeeded);
    }
}
