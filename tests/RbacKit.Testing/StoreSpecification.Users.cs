using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

public abstract partial class StoreSpecificationTests : StoreSpecification
{
    [Fact]
    public async Task Users_are_found_by_id_and_normalized_email()
    {
        var user = await CreateUserAsync();
        var byId = await FindUserAsync(user.Id);
        var byEmail = await Use<IUserStore, User?>(s => s.FindByEmailAsync(user.NormalizedEmail, default));
        Assert.Equal(user.Email, byId!.Email);
        Assert.Equal(user.Id, byEmail!.Id);
        Assert.Equal(user.CreatedAt, byId.CreatedAt);
        Assert.Null(await FindUserAsync(Guid.CreateVersion7()));
    }

    [Fact]
    public async Task A_duplicate_normalized_email_is_refused_by_the_store()
    {
        var user = await CreateUserAsync();
        var twin = NewUser(user.Email.ToUpperInvariant());
        Assert.Equal(StoreResult.Duplicate, await Use<IUserStore, StoreResult>(s => s.CreateAsync(twin, [], default)));
        Assert.Null(await FindUserAsync(twin.Id));
    }

    [Fact]
    public async Task Initial_roles_are_created_with_the_user()
    {
        var role = await CreateRoleAsync("movies:read");
        var user = await CreateUserAsync(role);
        var roles = await Use<IRoleStore, IReadOnlyList<Role>>(s => s.GetRolesOfUserAsync(user.Id, default));
        Assert.Equal([role.Id], roles.Select(r => r.Id));
    }

    [Fact]
    public async Task Updates_check_the_concurrency_stamp()
    {
        var user = await CreateUserAsync();
        var read = (await FindUserAsync(user.Id))!;
        var first = read with { FirstName = "Augusta", ConcurrencyStamp = IdGenerator.NewId(Time) };
        Assert.Equal(StoreResult.Success, await Use<IUserStore, StoreResult>(s => s.UpdateAsync(first, read.ConcurrencyStamp, default)));
        // The stored stamp is the caller's new one; the store changes nothing in what it was given.
        var stored = (await FindUserAsync(user.Id))!;
        Assert.Equal(first.ConcurrencyStamp, stored.ConcurrencyStamp);
        Assert.Equal(("Augusta", "Lovelace"), (stored.FirstName, stored.LastName));

        // A second change made from the same read expects the old stamp: a conflict, and nothing is written.
        var second = read with { LastName = "King", ConcurrencyStamp = IdGenerator.NewId(Time) };
        Assert.Equal(StoreResult.Conflict, await Use<IUserStore, StoreResult>(s => s.UpdateAsync(second, read.ConcurrencyStamp, default)));
        stored = (await FindUserAsync(user.Id))!;
        Assert.Equal(("Augusta", "Lovelace", first.ConcurrencyStamp), (stored.FirstName, stored.LastName, stored.ConcurrencyStamp));

        // Made from the current state, it goes through.
        Assert.Equal(StoreResult.Success, await Use<IUserStore, StoreResult>(s => s.UpdateAsync(second, first.ConcurrencyStamp, default)));
        Assert.Equal("King", (await FindUserAsync(user.Id))!.LastName);
        Assert.Equal(StoreResult.NotFound, await Use<IUserStore, StoreResult>(s => s.UpdateAsync(second with { Id = IdGenerator.NewId(Time) }, second.ConcurrencyStamp, default)));
    }

    [Fact]
    public async Task An_update_to_a_taken_email_is_a_duplicate()
    {
        var a = await CreateUserAsync();
        var b = await CreateUserAsync();
        var loaded = (await FindUserAsync(b.Id))!;
        var taken = loaded with { Email = a.Email, NormalizedEmail = a.NormalizedEmail, ConcurrencyStamp = IdGenerator.NewId(Time) };
        Assert.Equal(StoreResult.Duplicate, await Use<IUserStore, StoreResult>(s => s.UpdateAsync(taken, loaded.ConcurrencyStamp, default)));
        Assert.Equal(loaded.ConcurrencyStamp, (await FindUserAsync(b.Id))!.ConcurrencyStamp);
    }

    [Fact]
    public async Task Profile_updates_never_overwrite_atomically_owned_fields()
    {
        var role = await CreateRoleAsync();
        var user = await CreateUserAsync();
        var stale = (await FindUserAsync(user.Id))!;
        await Use<IRoleStore, StoreResult>(s => s.AddUserRoleAsync(new UserRole { UserId = user.Id, RoleId = role.Id, GrantedAt = Time.GetUtcNow() }, null, default));
        await Use<IUserStore, bool>(s => s.RecordLoginFailureAsync(user.Id, 5, Time.GetUtcNow().AddMinutes(15), default));
        await Use<IUserStore, bool>(s => s.TryAdvanceTotpStepAsync(user.Id, 42, default));
        var renamed = stale with { FirstName = "Augusta", ConcurrencyStamp = IdGenerator.NewId(Time) };
        Assert.Equal(StoreResult.Success, await Use<IUserStore, StoreResult>(s => s.UpdateAsync(renamed, stale.ConcurrencyStamp, default)));
        var stored = (await FindUserAsync(user.Id))!;
        Assert.Equal(2, stored.AuthorizationVersion);
        Assert.Equal(1, stored.FailedLoginCount);
        Assert.Equal(42, stored.TotpLastStep);
        Assert.Equal("Augusta", stored.FirstName);
    }

    [Fact]
    public async Task Failures_lock_at_the_threshold_and_reset()
    {
        var user = await CreateUserAsync();
        var end = Time.GetUtcNow().AddMinutes(15);
        for (var i = 1; i < 3; i++)
        {
            Assert.False(await Use<IUserStore, bool>(s => s.RecordLoginFailureAsync(user.Id, 3, end, default)));
        }

        Assert.True(await Use<IUserStore, bool>(s => s.RecordLoginFailureAsync(user.Id, 3, end, default)));
        var locked = (await FindUserAsync(user.Id))!;
        Assert.Equal(end, locked.LockoutEnd);
        Assert.Equal(0, locked.FailedLoginCount);
        Assert.False(await Use<IUserStore, bool>(s => s.ResetLoginFailuresAsync(user.Id, Time.GetUtcNow(), default)));
        Assert.Equal(end, (await FindUserAsync(user.Id))!.LockoutEnd);
        Assert.True(await Use<IUserStore, bool>(s => s.ResetLoginFailuresAsync(user.Id, end.AddSeconds(1), default)));
        Assert.Null((await FindUserAsync(user.Id))!.LockoutEnd);
    }

    [Fact]
    public async Task The_locking_failure_reports_the_lock_whatever_the_precision_of_its_end()
    {
        var user = await CreateUserAsync();
        var end = Time.GetUtcNow().AddMinutes(15).AddTicks(1234567); // finer than PostgreSQL's microseconds
        Assert.False(await Use<IUserStore, bool>(s => s.RecordLoginFailureAsync(user.Id, 2, end, default)));
        Assert.True(await Use<IUserStore, bool>(s => s.RecordLoginFailureAsync(user.Id, 2, end, default)));
    }

    [Fact]
    public async Task A_reset_clears_failures_below_the_threshold_and_is_true_for_a_clean_account()
    {
        var user = await CreateUserAsync();
        Assert.True(await Use<IUserStore, bool>(s => s.ResetLoginFailuresAsync(user.Id, Time.GetUtcNow(), default)));
        await Use<IUserStore, bool>(s => s.RecordLoginFailureAsync(user.Id, 5, Time.GetUtcNow().AddMinutes(15), default));
        await Use<IUserStore, bool>(s => s.RecordLoginFailureAsync(user.Id, 5, Time.GetUtcNow().AddMinutes(15), default));
        Assert.True(await Use<IUserStore, bool>(s => s.ResetLoginFailuresAsync(user.Id, Time.GetUtcNow(), default)));
        Assert.Equal(0, (await FindUserAsync(user.Id))!.FailedLoginCount);
    }

    [Fact]
    public async Task Concurrent_failures_are_all_counted()
    {
        var user = await CreateUserAsync();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Use<IUserStore, bool>(s => s.RecordLoginFailureAsync(user.Id, 100, Time.GetUtcNow().AddMinutes(15), default)))));
        Assert.Equal(8, (await FindUserAsync(user.Id))!.FailedLoginCount);
    }

    [Fact]
    public async Task Totp_steps_only_move_forward()
    {
        var user = await CreateUserAsync();
        Assert.True(await Use<IUserStore, bool>(s => s.TryAdvanceTotpStepAsync(user.Id, 100, default)));
        Assert.False(await Use<IUserStore, bool>(s => s.TryAdvanceTotpStepAsync(user.Id, 100, default)));
        Assert.False(await Use<IUserStore, bool>(s => s.TryAdvanceTotpStepAsync(user.Id, 99, default)));
        Assert.True(await Use<IUserStore, bool>(s => s.TryAdvanceTotpStepAsync(user.Id, 101, default)));
    }

    [Fact]
    public async Task Search_is_case_insensitive_paged_and_treats_wildcards_as_data()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 3; i++)
        {
            var user = NewUser($"search{i}-{tag}@example.com");
            await Use<IUserStore, StoreResult>(s => s.CreateAsync(user, [], default));
        }

        var page = await Use<IUserStore, PagedResult<User>>(s => s.SearchAsync(tag.ToUpperInvariant(), Page(1, 2, PageKeyKind.Text), default));
        Assert.Equal(3, page.Total);
        Assert.Equal(2, page.Items.Count);
        Assert.StartsWith("search0", page.Items[0].Email, StringComparison.Ordinal);
        var second = await Use<IUserStore, PagedResult<User>>(s => s.SearchAsync(tag, Page(2, 2, PageKeyKind.Text), default));
        Assert.Single(second.Items);
        Assert.Equal(0, (await Use<IUserStore, PagedResult<User>>(s => s.SearchAsync("%", Page(1, 10, PageKeyKind.Text), default))).Total);
        Assert.Equal(0, (await Use<IUserStore, PagedResult<User>>(s => s.SearchAsync("'; DROP TABLE users; --", Page(1, 10, PageKeyKind.Text), default))).Total);
    }

    private async Task<List<Guid>> SearchIdsAsync(string term) =>
        [.. (await Use<IUserStore, PagedResult<User>>(s => s.SearchAsync(term, Page(1, 50, PageKeyKind.Text), default))).Items.Select(u => u.Id)];

    [Fact]
    public async Task Search_matches_a_substring_or_a_prefix_of_the_email_and_either_name_in_any_case()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var user = NewUser($"0qfirst.{tag}@example.com") with { FirstName = $"Grace{tag}", LastName = $"Qzhopper{tag}x" };
        await Use<IUserStore, StoreResult>(s => s.CreateAsync(user, [], default));
        var other = NewUser($"other.{Guid.NewGuid():N}@example.com");
        await Use<IUserStore, StoreResult>(s => s.CreateAsync(other, [], default));

        // Substrings (three characters or more): the middle of the email, of the first and of the last name, any case.
        Assert.Equal([user.Id], await SearchIdsAsync($"st.{tag}@EXAMPLE".ToUpperInvariant()));
        Assert.Equal([user.Id], await SearchIdsAsync($"ace{tag}".ToUpperInvariant()));
        Assert.Equal([user.Id], await SearchIdsAsync($"opper{tag}X".ToLowerInvariant()));
        // Prefixes, however short the term: the email and the names start with them.
        Assert.Contains(user.Id, await SearchIdsAsync("0Q"));
        Assert.Contains(user.Id, await SearchIdsAsync("qz"));
        Assert.DoesNotContain(other.Id, await SearchIdsAsync($"ace{tag}"));
        // Wildcards and the escape character are data, not patterns.
        Assert.Empty(await SearchIdsAsync($"0qfirst_{tag}"));
        Assert.Empty(await SearchIdsAsync($"0qfirst%{tag}"));
        Assert.Empty(await SearchIdsAsync(@"0qfirst\" + tag));
    }
}
