using RbacKit.Accounts.Recovery;
using RbacKit.Accounts;
using RbacKit.Caching;

namespace RbacKit.Core.Tests;

public sealed class AccountTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.CreateAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<RbacResult<UserProfile>> RegisterAsync(RegisterRequest request) =>
        _host.InScopeAsync<IAccountService, RbacResult<UserProfile>>(a => a.RegisterAsync(request, default));

    [Fact]
    public async Task Registration_creates_a_user_with_the_default_role()
    {
        var profile = await _host.RegisterAsync("Ada@Example.com");
        Assert.Equal("Ada@Example.com", profile.Email);
        Assert.Equal(["user"], profile.Roles);
        Assert.Equal(7, profile.Id.Version);
        Assert.True(profile.IsActive);
    }

    [Theory]
    [InlineData("not-an-email", "email")]
    [InlineData("a@b", "email")]
    [InlineData("", "email")]
    public async Task Bad_emails_are_validation_errors(string email, string field)
    {
        var result = await RegisterAsync(new RegisterRequest(email, TestHost.Password, TestHost.Password, "Ada", "Lovelace"));
        Assert.Equal(RbacErrorCodes.ValidationFailed, result.Error?.Code);
        Assert.True(result.Error!.Errors!.ContainsKey(field));
    }

    [Fact]
    public async Task Mismatched_confirmation_and_missing_names_are_reported_together()
    {
        var result = await RegisterAsync(new RegisterRequest("ada@example.com", TestHost.Password, "other", "", null));
        Assert.Equal(["firstName", "lastName", "passwordConfirm"], result.Error!.Errors!.Keys.Order());
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_its_own_code()
    {
        var result = await RegisterAsync(new RegisterRequest("ada@example.com", "password1234", "password1234", "Ada", "Lovelace"));
        Assert.Equal(RbacErrorCodes.WeakPassword, result.Error?.Code);
    }

    [Fact]
    public async Task A_taken_email_is_a_conflict_whatever_its_case()
    {
        await _host.RegisterAsync("ada@example.com");
        var result = await RegisterAsync(new RegisterRequest("ADA@EXAMPLE.COM", TestHost.Password, TestHost.Password, "Ada", "Lovelace"));
        Assert.Equal(RbacErrorCodes.EmailTaken, result.Error?.Code);
        Assert.Equal(RbacErrorKind.Conflict, result.Error?.Kind);
    }

    [Fact]
    public async Task Parallel_registrations_of_one_email_create_one_user()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            RegisterAsync(new RegisterRequest("race@example.com", TestHost.Password, TestHost.Password, "Ada", "Lovelace")))));
        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Equal(19, results.Count(r => r.Error?.Code == RbacErrorCodes.EmailTaken));
    }

    [Fact]
    public async Task Profile_updates_change_only_given_fields()
    {
        var user = await _host.RegisterAsync("ada@example.com");
        var updated = await _host.InScopeAsync<IAccountService, RbacResult<UserProfile>>(a => a.UpdateProfileAsync(user.Id, new ProfileUpdate(null, "Byron", "King"), default));
        Assert.Equal(("Ada", "Byron", "King"), (updated.Value!.FirstName, updated.Value.LastName, updated.Value.MiddleName));
        var cleared = await _host.InScopeAsync<IAccountService, RbacResult<UserProfile>>(a => a.UpdateProfileAsync(user.Id, new ProfileUpdate(null, null, ""), default));
        Assert.Null(cleared.Value!.MiddleName);
        var invalid = await _host.InScopeAsync<IAccountService, RbacResult<UserProfile>>(a => a.UpdateProfileAsync(user.Id, new ProfileUpdate(new string('x', 101), null, null), default));
        Assert.Equal(RbacErrorCodes.ValidationFailed, invalid.Error?.Code);
    }

    [Fact]
    public async Task Changing_the_password_revokes_the_other_sessions()
    {
        var user = await _host.RegisterAsync("ada@example.com");
        var current = await _host.LoginOkAsync("ada@example.com");
        var other = await _host.LoginOkAsync("ada@example.com");
        var sessions = await _host.Store.ListActiveAsync(user.Id, _host.Time.GetUtcNow(), default);
        var currentSid = (await _host.Get<RbacKit.Tokens.IAccessTokenValidator>().ValidateAsync(current.AccessToken, default)).Token!.SessionId;

        var wrong = await _host.InScopeAsync<IAccountService, RbacResult>(a => a.ChangePasswordAsync(user.Id, currentSid, "nope nope nope", "brand new passphrase 77", default));
        Assert.False(wrong.Succeeded);
        var weak = await _host.InScopeAsync<IAccountService, RbacResult>(a => a.ChangePasswordAsync(user.Id, currentSid, TestHost.Password, "password1234", default));
        Assert.Equal(RbacErrorCodes.WeakPassword, weak.Error?.Code);

        var ok = await _host.InScopeAsync<IAccountService, RbacResult>(a => a.ChangePasswordAsync(user.Id, currentSid, TestHost.Password, "brand new passphrase 77", default));
        Assert.True(ok.Succeeded);
        Assert.Equal([currentSid], (await _host.Store.ListActiveAsync(user.Id, _host.Time.GetUtcNow(), default)).Select(s => s.Id));
        Assert.Equal(2, sessions.Count);
        Assert.False((await _host.LoginAsync("ada@example.com")).Succeeded);
        Assert.True((await _host.LoginAsync("ada@example.com", "brand new passphrase 77")).Succeeded);
        Assert.False((await _host.InScopeAsync<IAuthService, RbacResult<TokenPair>>(a => a.RefreshAsync(other.RefreshToken, default))).Succeeded);
    }

    [Fact]
    public async Task Changing_the_email_checks_the_password_and_uniqueness()
    {
        var user = await _host.RegisterAsync("ada@example.com");
        await _host.RegisterAsync("bob@example.com");
        var taken = await _host.InScopeAsync<IAccountRecoveryService, RbacResult>(a => a.RequestEmailChangeAsync(user.Id, Guid.Empty, TestHost.Password, "BOB@example.com", default));
        Assert.Equal(RbacErrorCodes.EmailTaken, taken.Error?.Code);
        var wrong = await _host.InScopeAsync<IAccountRecoveryService, RbacResult>(a => a.RequestEmailChangeAsync(user.Id, Guid.Empty, "not the password", "ada@new.example.com", default));
        Assert.Equal(RbacErrorCodes.InvalidCredentials, wrong.Error?.Code);

        var ok = await _host.InScopeAsync<IAccountRecoveryService, RbacResult>(a => a.RequestEmailChangeAsync(user.Id, Guid.Empty, TestHost.Password, "ada@new.example.com", default));
        Assert.True(ok.Succeeded);
        Assert.True((await _host.LoginAsync("ada@example.com")).Succeeded);
        Assert.Contains(_host.MailTo("ada@example.com"), m => m.TextBody.Contains("ada@new.example.com", StringComparison.Ordinal));

        var confirmed = await _host.InScopeAsync<IAccountRecoveryService, RbacResult>(a => a.ConfirmEmailAsync(_host.LinkTokenTo("ada@new.example.com"), default));
        Assert.True(confirmed.Succeeded);
        Assert.True((await _host.LoginAsync("ada@new.example.com")).Succeeded);
        Assert.False((await _host.LoginAsync("ada@example.com")).Succeeded);
    }

    [Fact]
    public async Task Soft_delete_deactivates_revokes_every_session_and_blocks_login()
    {
        var user = await _host.RegisterAsync("ada@example.com");
        var pair = await _host.LoginOkAsync("ada@example.com");
        var state = _host.Get<IAuthorizationStateProvider>();
        Assert.True((await state.GetUserAsync(user.Id, 0, default))!.IsActive);

        var result = await _host.InScopeAsync<IAccountService, RbacResult>(a => a.DeactivateAsync(user.Id, TestHost.Password, default));
        Assert.True(result.Succeeded);
        var stored = (await _host.Store.FindByIdAsync(user.Id, default))!;
        Assert.False(stored.IsActive);
        Assert.NotNull(stored.DeactivatedAt);
        Assert.Empty(await _host.Store.ListActiveAsync(user.Id, _host.Time.GetUtcNow(), default));
        Assert.False((await state.GetUserAsync(user.Id, 0, default))!.IsActive);
        Assert.Equal(RbacErrorCodes.InvalidCredentials, (await _host.LoginAsync("ada@example.com")).Error?.Code);
        Assert.False((await _host.InScopeAsync<IAuthService, RbacResult<TokenPair>>(a => a.RefreshAsync(pair.RefreshToken, default))).Succeeded);
    }

    [Fact]
    public async Task The_last_superadmin_cannot_deactivate_itself()
    {
        var root = await _host.RegisterAsync("root@example.com");
        await _host.GrantAsync(root.Id, "superadmin");
        var result = await _host.InScopeAsync<IAccountService, RbacResult>(a => a.DeactivateAsync(root.Id, TestHost.Password, default));
        Assert.Equal(RbacErrorCodes.LastSuperadmin, result.Error?.Code);

        var second = await _host.RegisterAsync("root2@example.com");
        await _host.GrantAsync(second.Id, "superadmin");
        Assert.True((await _host.InScopeAsync<IAccountService, RbacResult>(a => a.DeactivateAsync(root.Id, TestHost.Password, default))).Succeeded);
    }

    [Fact]
    public async Task Login_history_is_paged_newest_first()
    {
        var user = await _host.RegisterAsync("ada@example.com");
        for (var i = 0; i < 5; i++)
        {
            _host.Time.Advance(TimeSpan.FromMinutes(1));
            await _host.LoginAsync("ada@example.com", i % 2 == 0 ? TestHost.Password : "wrong password here");
        }

        var page = await _host.InScopeAsync<IAccountService, RbacResult<PagedResult<LoginHistoryItem>>>(a => a.GetLoginHistoryAsync(user.Id, 1, 2, default));
        Assert.Equal(5, page.Value!.Total);
        Assert.Equal([true, false], page.Value.Items.Select(i => i.Success));
        Assert.True(page.Value.Items[0].At > page.Value.Items[1].At);
        var bad = await _host.InScopeAsync<IAccountService, RbacResult<PagedResult<LoginHistoryItem>>>(a => a.GetLoginHistoryAsync(user.Id, 0, 500, default));
        Assert.Equal(RbacErrorCodes.ValidationFailed, bad.Error?.Code);
    }

    [Fact]
    public async Task Login_history_reaches_back_only_as_far_as_retention_and_walks_by_cursor()
    {
        var user = await _host.RegisterAsync("ada@example.com");
        await _host.LoginAsync("ada@example.com");
        _host.Time.Advance(TimeSpan.FromDays(366));
        for (var i = 0; i < 3; i++)
        {
            _host.Time.Advance(TimeSpan.FromMinutes(1));
            await _host.LoginAsync("ada@example.com");
        }

        Task<RbacResult<PagedResult<LoginHistoryItem>>> PageAsync(int page, string? cursor) =>
            _host.InScopeAsync<IAccountService, RbacResult<PagedResult<LoginHistoryItem>>>(a => a.GetLoginHistoryAsync(user.Id, page, 2, cursor, default));
        var first = (await PageAsync(1, null)).Value!;
        Assert.Equal(3, first.Total);
        Assert.True(first.HasMore);
        var second = (await PageAsync(7, first.NextCursor)).Value!;
        Assert.Equal(2, second.Page);
        Assert.False(second.HasMore);
        Assert.Null(second.NextCursor);
        var times = first.Items.Concat(second.Items).Select(i => i.At).ToList();
        Assert.Equal(3, times.Count);
        Assert.Equal(times.OrderDescending(), times);
        Assert.All(times, t => Assert.True(t > _host.Time.GetUtcNow() - TimeSpan.FromDays(365)));

        Assert.Equal("cursor", Assert.Single((await PageAsync(1, first.NextCursor![..^1])).Error!.Errors!).Key);
        Assert.Equal("page", Assert.Single((await PageAsync(5001, null)).Error!.Errors!).Key);
    }

    [Fact]
    public async Task Permissions_are_the_expanded_names()
    {
        var user = await _host.RegisterAsync("ada@example.com");
        await _host.GrantAsync(user.Id, "moderator");
        var names = await _host.InScopeAsync<IAccountService, IReadOnlyList<string>>(a => a.GetPermissionsAsync(user.Id, default));
        Assert.Equal(["movies:read", "movies:write"], names);
    }
}
