using RbacKit.Accounts;
using RbacKit.Sessions;

namespace RbacKit.Core.Tests;

public sealed class SessionTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private UserProfile _user = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _user = await _host.RegisterAsync("ada@example.com");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<RbacResult<TokenPair>> RefreshAsync(string token) =>
        _host.InScopeAsync<IAuthService, RbacResult<TokenPair>>(a => a.RefreshAsync(token, default));

    private Task<RbacResult<SessionRefresh>> RawRefreshAsync(string token) =>
        _host.InScopeAsync<ISessionService, RbacResult<SessionRefresh>>(s => s.RefreshAsync(token, default));

    [Fact]
    public async Task Refresh_tokens_are_256_bit_opaque_and_stored_only_hashed()
    {
        var pair = await _host.LoginOkAsync("ada@example.com");
        Assert.Equal(43, pair.RefreshToken.Length);
        Assert.DoesNotContain('.', pair.RefreshToken);
        var stored = await _host.Store.FindRefreshTokenAsync(RefreshTokens.Hash(pair.RefreshToken), default);
        Assert.NotNull(stored);
        Assert.Equal(32, stored.TokenHash.Length);
        Assert.NotEqual(pair.RefreshToken, Convert.ToBase64String(stored.TokenHash));
    }

    [Fact]
    public async Task Refresh_rotates_and_the_old_token_is_spent()
    {
        var pair = await _host.LoginOkAsync("ada@example.com");
        var next = await RefreshAsync(pair.RefreshToken);
        Assert.True(next.Succeeded);
        Assert.NotEqual(pair.RefreshToken, next.Value.RefreshToken);
        Assert.True((await RefreshAsync(next.Value.RefreshToken)).Succeeded);
    }

    [Fact]
    public async Task Reusing_a_spent_token_revokes_the_whole_family()
    {
        var pair = await _host.LoginOkAsync("ada@example.com");
        var second = (await RefreshAsync(pair.RefreshToken)).Value!;

        var reuse = await RefreshAsync(pair.RefreshToken);
        Assert.Equal(RbacErrorCodes.TokenReused, reuse.Error?.Code);

        // The legitimate newer token of the same family is dead too.
        var after = await RefreshAsync(second.RefreshToken);
        Assert.Equal(RbacErrorCodes.InvalidToken, after.Error?.Code);
        var sessions = await _host.Store.ListActiveAsync(_user.Id, _host.Time.GetUtcNow(), default);
        Assert.Empty(sessions);
    }

    [Fact]
    public async Task Parallel_refreshes_of_one_token_give_at_most_one_success()
    {
        var pair = await _host.LoginOkAsync("ada@example.com");
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => RawRefreshAsync(pair.RefreshToken))));
        Assert.True(results.Count(r => r.Succeeded) <= 1);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(r.Error!.Code, new[] { RbacErrorCodes.TokenReused, RbacErrorCodes.InvalidToken }));
    }

    [Fact]
    public async Task Idle_lifetime_expires_an_unused_refresh_token()
    {
        var pair = await _host.LoginOkAsync("ada@example.com");
        _host.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        Assert.Equal(RbacErrorCodes.InvalidToken, (await RefreshAsync(pair.RefreshToken)).Error?.Code);
    }

    [Fact]
    public async Task Absolute_lifetime_ends_a_session_even_when_active()
    {
        var token = (await _host.LoginOkAsync("ada@example.com")).RefreshToken;
        for (var day = 5; day <= 25; day += 5)
        {
            _host.Time.Advance(TimeSpan.FromDays(5));
            var next = await RefreshAsync(token);
            Assert.True(next.Succeeded, $"day {day}");
            token = next.Value.RefreshToken;
        }

        _host.Time.Advance(TimeSpan.FromDays(5));
        Assert.Equal(RbacErrorCodes.InvalidToken, (await RefreshAsync(token)).Error?.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Unknown_tokens_are_invalid(string token)
    {
        var result = await RefreshAsync(token);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Error!.Code, new[] { RbacErrorCodes.InvalidToken, RbacErrorCodes.ValidationFailed });
    }

    [Fact]
    public async Task An_overlong_token_is_refused_without_hashing() =>
        Assert.Equal(RbacErrorCodes.InvalidToken, (await RawRefreshAsync(new string('a', 10_000))).Error?.Code);

    [Fact]
    public async Task Logout_ends_the_session_and_its_refresh_tokens()
    {
        var pair = await _host.LoginOkAsync("ada@example.com");
        var sid = (await _host.Store.ListActiveAsync(_user.Id, _host.Time.GetUtcNow(), default)).Single().Id;
        var logout = await _host.InScopeAsync<IAuthService, RbacResult>(a => a.LogoutAsync(_user.Id, sid, default));
        Assert.True(logout.Succeeded);
        Assert.Equal(RbacErrorCodes.InvalidToken, (await RefreshAsync(pair.RefreshToken)).Error?.Code);
        Assert.False(await _host.Get<Caching.IAuthorizationStateProvider>().IsSessionActiveAsync(sid, _user.Id, default));
    }

    [Fact]
    public async Task Logout_others_keeps_only_the_current_session()
    {
        var first = await _host.LoginOkAsync("ada@example.com");
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        await _host.LoginOkAsync("ada@example.com");
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        await _host.LoginOkAsync("ada@example.com");
        var sessions = await _host.Store.ListActiveAsync(_user.Id, _host.Time.GetUtcNow(), default);
        Assert.Equal(3, sessions.Count);
        var keep = sessions[^1].Id; // the first login
        await _host.InScopeAsync<IAuthService, RbacResult>(a => a.LogoutOthersAsync(_user.Id, keep, default));
        Assert.Equal([keep], (await _host.Store.ListActiveAsync(_user.Id, _host.Time.GetUtcNow(), default)).Select(s => s.Id));
        Assert.True((await RefreshAsync(first.RefreshToken)).Succeeded);
    }

    [Fact]
    public async Task A_user_cannot_end_someone_elses_session()
    {
        var other = await _host.RegisterAsync("bob@example.com");
        await _host.LoginOkAsync("bob@example.com");
        var bobSession = (await _host.Store.ListActiveAsync(other.Id, _host.Time.GetUtcNow(), default)).Single().Id;
        var result = await _host.InScopeAsync<ISessionService, RbacResult>(s => s.RevokeAsync(_user.Id, bobSession, "logout", default));
        Assert.Equal(RbacErrorKind.NotFound, result.Error?.Kind);
        Assert.Single(await _host.Store.ListActiveAsync(other.Id, _host.Time.GetUtcNow(), default));
    }
}
