using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

public abstract partial class StoreSpecificationTests
{
    private Task<StoreResult> GrantAsync(Guid userId, Guid roleId) =>
        Use<IRoleStore, StoreResult>(s => s.AddUserRoleAsync(new UserRole { UserId = userId, RoleId = roleId, GrantedAt = Time.GetUtcNow() }, null, default));

    [Fact]
    public async Task Roles_round_trip_with_permissions_and_unique_names()
    {
        var role = await CreateRoleAsync("movies:read", "movies:*");
        var found = await Use<IRoleStore, Role?>(s => s.FindByNameAsync(role.NormalizedName, default));
        Assert.Equal(["movies:*", "movies:read"], found!.Permissions.Select(p => p.Permission).Order(StringComparer.Ordinal));
        Assert.Equal(role.Id, (await Use<IRoleStore, Role?>(s => s.FindByIdAsync(role.Id, default)))!.Id);
        var twin = NewRole(role.Name.ToUpperInvariant());
        Assert.Equal(StoreResult.Duplicate, await Use<IRoleStore, StoreResult>(s => s.CreateAsync(twin, null, default)));
        Assert.Contains(await Use<IRoleStore, IReadOnlyList<Role>>(s => s.ListAsync(default)), r => r.Id == role.Id);
    }

    [Fact]
    public async Task Updating_a_role_bumps_its_version_alone_and_writes_the_audit()
    {
        var role = await CreateRoleAsync("movies:read");
        var holder = await CreateUserAsync(role);
        var bystander = await CreateUserAsync();
        var loaded = (await Use<IRoleStore, Role?>(s => s.FindByIdAsync(role.Id, default)))!;
        var changed = loaded with
        {
            Description = "changed",
            Permissions = [new RolePermission { RoleId = role.Id, Permission = "series:read" }],
            ConcurrencyStamp = IdGenerator.NewId(Time),
        };
        var audit = new AuditEvent { Id = IdGenerator.NewId(Time), At = Time.GetUtcNow(), Action = "role.updated", TargetType = "role", TargetId = role.Id.ToString() };
        Assert.Equal(StoreResult.Success, await Use<IRoleStore, StoreResult>(s => s.UpdateAsync(changed, loaded.ConcurrencyStamp, audit, default)));

        var stored = (await Use<IRoleStore, Role?>(s => s.FindByIdAsync(role.Id, default)))!;
        Assert.Equal(["series:read"], stored.Permissions.Select(p => p.Permission));
        Assert.Equal(2, stored.Version);
        // The stamp is the caller's new one, and the instance given to the store is left as it was.
        Assert.Equal(changed.ConcurrencyStamp, stored.ConcurrencyStamp);
        Assert.Equal(1, changed.Version);
        // The holders' rows are not rewritten: the role version is what caches compare.
        Assert.Equal(1, (await FindUserAsync(holder.Id))!.AuthorizationVersion);
        Assert.Equal(1, (await FindUserAsync(bystander.Id))!.AuthorizationVersion);
        var data = (await Use<IRoleStore, UserAuthorizationData?>(s => s.GetAuthorizationDataAsync(holder.Id, default)))!;
        Assert.Equal((2L, "series:read"), (data.Roles.Single().RoleVersion, data.Roles.Single().Permissions.Single()));
        var events = await Use<IAuditEventStore, PagedResult<AuditEvent>>(s => s.GetPageAsync(null, role.Id.ToString(), Page(1, 10), default));
        Assert.Equal(["role.updated"], events.Items.Select(e => e.Action));

        // A change made from the first read is now stale: its expected stamp is the old one.
        var again = loaded with { Description = "again", ConcurrencyStamp = IdGenerator.NewId(Time) };
        Assert.Equal(StoreResult.Conflict, await Use<IRoleStore, StoreResult>(s => s.UpdateAsync(again, loaded.ConcurrencyStamp, null, default)));
        Assert.Equal(StoreResult.NotFound, await Use<IRoleStore, StoreResult>(s => s.UpdateAsync(again with { Id = IdGenerator.NewId(Time) }, loaded.ConcurrencyStamp, null, default)));
        var unchanged = (await Use<IRoleStore, Role?>(s => s.FindByIdAsync(role.Id, default)))!;
        Assert.Equal(("changed", changed.ConcurrencyStamp, 2L), (unchanged.Description, unchanged.ConcurrencyStamp, unchanged.Version));
    }

    [Fact]
    public async Task A_failed_role_update_changes_nothing()
    {
        var taken = await CreateRoleAsync();
        var role = await CreateRoleAsync("movies:read");
        var loaded = (await Use<IRoleStore, Role?>(s => s.FindByIdAsync(role.Id, default)))!;
        var renamed = loaded with { Name = taken.Name, NormalizedName = taken.NormalizedName, Permissions = [], ConcurrencyStamp = IdGenerator.NewId(Time) };
        var audit = new AuditEvent { Id = IdGenerator.NewId(Time), At = Time.GetUtcNow(), Action = "role.updated", TargetType = "role", TargetId = role.Id.ToString() };
        Assert.Equal(StoreResult.Duplicate, await Use<IRoleStore, StoreResult>(s => s.UpdateAsync(renamed, loaded.ConcurrencyStamp, audit, default)));
        var stored = (await Use<IRoleStore, Role?>(s => s.FindByIdAsync(role.Id, default)))!;
        Assert.Equal(["movies:read"], stored.Permissions.Select(p => p.Permission));
        Assert.Equal(1, stored.Version);
        Assert.Equal(loaded.ConcurrencyStamp, stored.ConcurrencyStamp);
        Assert.Equal(0, (await Use<IAuditEventStore, PagedResult<AuditEvent>>(s => s.GetPageAsync(null, role.Id.ToString(), Page(1, 10), default))).Total);
    }

    [Fact]
    public async Task Deleting_a_role_removes_its_grants_and_leaves_holder_rows_alone()
    {
        var role = await CreateRoleAsync("movies:read");
        var holder = await CreateUserAsync(role);
        Assert.Equal(StoreResult.Success, await Use<IRoleStore, StoreResult>(s => s.DeleteAsync(role.Id, null, default)));
        Assert.Empty(await Use<IRoleStore, IReadOnlyList<Role>>(s => s.GetRolesOfUserAsync(holder.Id, default)));
        Assert.Equal(1, (await FindUserAsync(holder.Id))!.AuthorizationVersion);
        Assert.Equal(StoreResult.NotFound, await Use<IRoleStore, StoreResult>(s => s.DeleteAsync(role.Id, null, default)));
    }

    [Fact]
    public async Task Grants_are_unique_and_bump_the_version()
    {
        var role = await CreateRoleAsync();
        var user = await CreateUserAsync();
        Assert.Equal(StoreResult.Success, await GrantAsync(user.Id, role.Id));
        Assert.Equal(StoreResult.Duplicate, await GrantAsync(user.Id, role.Id));
        Assert.Equal(StoreResult.NotFound, await GrantAsync(Guid.CreateVersion7(), role.Id));
        Assert.Equal(2, (await FindUserAsync(user.Id))!.AuthorizationVersion);
        Assert.Equal(StoreResult.Success, await Use<IRoleStore, StoreResult>(s => s.RemoveUserRoleAsync(user.Id, role.Id, false, null, default)));
        Assert.Equal(StoreResult.NotFound, await Use<IRoleStore, StoreResult>(s => s.RemoveUserRoleAsync(user.Id, role.Id, false, null, default)));
        Assert.Equal(3, (await FindUserAsync(user.Id))!.AuthorizationVersion);
    }

    [Fact]
    public async Task The_last_active_holder_of_a_guarded_role_keeps_it()
    {
        var role = await CreateRoleAsync("*");
        var first = await CreateUserAsync(role);
        var second = await CreateUserAsync(role);
        Assert.Equal(StoreResult.Success, await Use<IRoleStore, StoreResult>(s => s.RemoveUserRoleAsync(first.Id, role.Id, true, null, default)));
        Assert.Equal(StoreResult.LastHolder, await Use<IRoleStore, StoreResult>(s => s.RemoveUserRoleAsync(second.Id, role.Id, true, null, default)));
        Assert.Equal(StoreResult.LastHolder, await Use<IUserStore, StoreResult>(s => s.DeactivateAsync(second.Id, role.Id, Time.GetUtcNow(), default)));
    }

    [Fact]
    public async Task Racing_revocations_never_remove_the_last_holder()
    {
        var role = await CreateRoleAsync("*");
        var holders = new List<User>();
        for (var i = 0; i < 4; i++)
        {
            holders.Add(await CreateUserAsync(role));
        }

        var results = await Task.WhenAll(holders.Select(h => Task.Run(() =>
            Use<IRoleStore, StoreResult>(s => s.RemoveUserRoleAsync(h.Id, role.Id, true, null, default)))));
        Assert.Equal(3, results.Count(r => r == StoreResult.Success));
        Assert.Equal(1, results.Count(r => r == StoreResult.LastHolder));
    }

    [Fact]
    public async Task Deactivation_bumps_the_version_and_inactive_users_do_not_count_as_holders()
    {
        var role = await CreateRoleAsync("*");
        var first = await CreateUserAsync(role);
        var second = await CreateUserAsync(role);
        Assert.Equal(StoreResult.Success, await Use<IUserStore, StoreResult>(s => s.DeactivateAsync(first.Id, role.Id, Time.GetUtcNow(), default)));
        var stored = (await FindUserAsync(first.Id))!;
        Assert.False(stored.IsActive);
        Assert.Equal(Time.GetUtcNow(), stored.DeactivatedAt);
        Assert.Equal(2, stored.AuthorizationVersion);
        Assert.Equal(StoreResult.NotFound, await Use<IUserStore, StoreResult>(s => s.DeactivateAsync(first.Id, null, Time.GetUtcNow(), default)));
        Assert.Equal(StoreResult.LastHolder, await Use<IRoleStore, StoreResult>(s => s.RemoveUserRoleAsync(second.Id, role.Id, true, null, default)));
    }

    [Fact]
    public async Task Authorization_data_carries_every_role_and_permission()
    {
        var reader = await CreateRoleAsync("movies:read", "series:read");
        var writer = await CreateRoleAsync("movies:*");
        var empty = await CreateRoleAsync();
        var user = await CreateUserAsync(reader, writer, empty);
        var data = (await Use<IRoleStore, UserAuthorizationData?>(s => s.GetAuthorizationDataAsync(user.Id, default)))!;
        Assert.True(data.IsActive);
        Assert.Equal(1, data.Version);
        Assert.Equal(3, data.Roles.Count);
        Assert.Equal(["movies:read", "series:read"], data.Roles.Single(r => r.RoleId == reader.Id).Permissions.Order(StringComparer.Ordinal));
        Assert.Empty(data.Roles.Single(r => r.RoleId == empty.Id).Permissions);

        var lonely = await CreateUserAsync();
        var none = (await Use<IRoleStore, UserAuthorizationData?>(s => s.GetAuthorizationDataAsync(lonely.Id, default)))!;
        Assert.Empty(none.Roles);
        Assert.Null(await Use<IRoleStore, UserAuthorizationData?>(s => s.GetAuthorizationDataAsync(Guid.CreateVersion7(), default)));
    }

    [Fact]
    public async Task Parallel_grants_and_revocations_leave_the_version_consistent()
    {
        var roles = new List<Role>();
        for (var i = 0; i < 6; i++)
        {
            roles.Add(await CreateRoleAsync());
        }

        var user = await CreateUserAsync();
        var grants = await Task.WhenAll(roles.Select(r => Task.Run(() => GrantAsync(user.Id, r.Id))));
        var revokes = await Task.WhenAll(roles.Take(3).Select(r => Task.Run(() =>
            Use<IRoleStore, StoreResult>(s => s.RemoveUserRoleAsync(user.Id, r.Id, false, null, default)))));
        var successes = grants.Count(g => g == StoreResult.Success) + revokes.Count(r => r == StoreResult.Success);
        Assert.Equal(9, successes);
        Assert.Equal(1 + successes, (await FindUserAsync(user.Id))!.AuthorizationVersion);
        Assert.Equal(3, (await Use<IRoleStore, IReadOnlyList<Role>>(s => s.GetRolesOfUserAsync(user.Id, default))).Count);
    }
}
