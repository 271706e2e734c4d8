using RbacKit.Accounts;
using RbacKit.Domain;
using RbacKit.Mfa;
using RbacKit.TokenValidation;

namespace RbacKit.Core.Tests;

public sealed class AuthTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private UserProfile _user = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _user = await _host.RegisterAsync("ada@example.com");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Login_issues_a_token_pair_with_the_users_roles_and_grants()
    {
        var pair = await _host.LoginOkAsync("ADA@example.com ");
        Assert.Equal("Bearer", pair.TokenType);
        Assert.Equal(600, pair.ExpiresIn);
        var token = await _host.Get<IAccessTokenValidator>().ValidateAsync(pair.AccessToken, default);
        Assert.True(token.IsValid);
        Assert.Equal(_user.Id, token.Token.UserId);
        Assert.Equal(["user"], token.Token.Roles);
        Assert.Equal(["movies:read"], token.Token.Permissions);
        Assert.Equal(LoginOutcome.Success, _host.Store.LoginEvents.Single().Outcome);
    }

    [Fact]
    public async Task Unknown_wrong_locked_and_deactivated_give_the_same_answer()
    {
        await _host.RegisterAsync("locked@example.com");
        for (var i = 0; i < 5; i++)
        {
            await _host.LoginAsync("locked@example.com", "wrong password entirely");
        }

        var gone = await _host.RegisterAsync("gone@example.com");
        await _host.InScopeAsync<IAccountService, RbacResult>(a => a.DeactivateAsync(gone.Id, TestHost.Password, default));

        var answers = new[]
        {
            await _host.LoginAsync("nobody@example.com"),
            await _host.LoginAsync("ada@example.com", "wrong password entirely"),
            await _host.LoginAsync("locked@example.com"),
            await _host.LoginAsync("gone@example.com"),
        };
        Assert.All(answers, a => Assert.Equal(answers[0].Error, a.Error));
        Assert.Equal(RbacErrorCodes.InvalidCredentials, answers[0].Error!.Code);
        Assert.Equal(RbacErrorKind.Unauthenticated, answers[0].Error!.Kind);
        Assert.Equal(
            [LoginOutcome.UnknownUser, LoginOutcome.InvalidPassword, LoginOutcome.LockedOut, LoginOutcome.Deactivated],
            _host.Store.LoginEvents.TakeLast(4).Select(e => e.Outcome));
        Assert.Null(_host.Store.LoginEvents[^4].UserId);
    }

    [Fact]
    public async Task Lockout_after_five_failures_lasts_its_duration_even_with_the_right_password()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.False((await _host.LoginAsync("ada@example.com", "not the password at all")).Succeeded);
        }

        Assert.Equal(RbacErrorCodes.InvalidCredentials, (await _host.LoginAsync("ada@example.com")).Error?.Code);
        _host.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.True((await _host.LoginAsync("ada@example.com")).Succeeded);
    }

    [Fact]
    public async Task Success_resets_the_failure_counter()
    {
        for (var i = 0; i < 4; i++)
        {
            await _host.LoginAsync("ada@example.com", "not the password at all");
        }

        await _host.LoginOkAsync("ada@example.com");
        Assert.Equal(0, (await _host.Store.FindByIdAsync(_user.Id, default))!.FailedLoginCount);
        for (var i = 0; i < 4; i++)
        {
            await _host.LoginAsync("ada@example.com", "not the password at all");
        }

        Assert.True((await _host.LoginAsync("ada@example.com")).Succeeded);
    }

    [Fact]
    public async Task A_success_resets_failures_counted_by_concurrent_requests_after_it_read_the_account()
    {
        // The success reads a clean record (no failures); two wrong passwords land before it finishes.
        _host.Store.AfterUserReadByEmail = id =>
        {
            _host.Store.AfterUserReadByEmail = null;
            _host.Store.RecordLoginFailureAsync(id, 5, _host.Time.GetUtcNow().AddMinutes(15), default).GetAwaiter().GetResult();
            _host.Store.RecordLoginFailureAsync(id, 5, _host.Time.GetUtcNow().AddMinutes(15), default).GetAwaiter().GetResult();
        };

        await _host.LoginOkAsync("ada@example.com");
        Assert.Equal(0, (await _host.Store.FindByIdAsync(_user.Id, default))!.FailedLoginCount);
    }

    [Fact]
    public async Task A_right_password_is_refused_when_concurrent_failures_locked_the_account_after_it_was_read()
    {
        // The login reads an unlocked account; five wrong guesses racing it lock the account before it finishes.
        _host.Store.AfterUserReadByEmail = id =>
        {
            _host.Store.AfterUserReadByEmail = null;
            for (var i = 0; i < 5; i++)
            {
                _host.Store.RecordLoginFailureAsync(id, 5, _host.Time.GetUtcNow().AddMinutes(15), default).GetAwaiter().GetResult();
            }
        };

        var refused = await _host.LoginAsync("ada@example.com");
        Assert.Equal(RbacErrorCodes.InvalidCredentials, refused.Error?.Code);
        Assert.NotNull((await _host.Store.FindByIdAsync(_user.Id, default))!.LockoutEnd);
        _host.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.True((await _host.LoginAsync("ada@example.com")).Succeeded);
    }

    [Fact]
    public async Task A_valid_recovery_code_wins_even_when_racing_failures_lock_the_account_meanwhile()
    {
        // The losers of a race for one recovery code fail (and count) while the winner is still finishing: the first
        // valid use of the code succeeds, the lockout stands for everything after it.
        var setup = await _host.InScopeAsync<IMfaService, RbacResult<TotpSetup>>(m => m.BeginTotpSetupAsync(_user.Id, Guid.Empty, TestHost.Password, default));
        var secret = OtpNet.Base32Encoding.ToBytes(setup.Value!.Secret);
        var confirm = await _host.InScopeAsync<IMfaService, RbacResult<IReadOnlyList<string>>>(m => m.ConfirmTotpAsync(_user.Id, Guid.Empty, TestHost.Password, Totp.Compute(secret, _host.Time.GetUtcNow()), default));
        _host.Store.AfterUserReadByEmail = id =>
        {
            _host.Store.AfterUserReadByEmail = null;
            for (var i = 0; i < 5; i++)
            {
                _host.Store.RecordLoginFailureAsync(id, 5, _host.Time.GetUtcNow().AddMinutes(15), default).GetAwaiter().GetResult();
            }
        };

        Assert.True((await _host.LoginAsync("ada@example.com", recovery: confirm.Value![0])).Succeeded);
        Assert.NotNull((await _host.Store.FindByIdAsync(_user.Id, default))!.LockoutEnd);
        Assert.Equal(RbacErrorCodes.InvalidCredentials, (await _host.LoginAsync("ada@example.com", recovery: confirm.Value![1])).Error?.Code);
    }

    [Fact]
    public async Task A_hash_of_an_old_cost_is_upgraded_at_login()
    {
        var stored = (await _host.Store.FindByIdAsync(_user.Id, default))!;
        var old = stored with { PasswordHash = BCrypt.Net.BCrypt.EnhancedHashPassword(TestHost.Password, BCrypt.Net.HashType.SHA384, 5), ConcurrencyStamp = Guid.CreateVersion7() };
        Assert.Equal(Stores.StoreResult.Success, await _host.Store.UpdateAsync(old, stored.ConcurrencyStamp, default));
        await _host.LoginOkAsync("ada@example.com");
        Assert.StartsWith("$2a$04$", (await _host.Store.FindByIdAsync(_user.Id, default))!.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mfa_flow_requires_a_code_accepts_it_once_and_recovery_codes_once()
    {
        var setup = await _host.InScopeAsync<IMfaService, RbacResult<TotpSetup>>(m => m.BeginTotpSetupAsync(_user.Id, Guid.Empty, TestHost.Password, default));
        Assert.True(setup.Succeeded);
        Assert.True(OtpNet.Base32Encoding.ToBytes(setup.Value.Secret).Length >= 20);
        Assert.StartsWith("otpauth://totp/", setup.Value.OtpAuthUri, StringComparison.Ordinal);
        var secret = OtpNet.Base32Encoding.ToBytes(setup.Value.Secret);

        var confirm = await _host.InScopeAsync<IMfaService, RbacResult<IReadOnlyList<string>>>(m => m.ConfirmTotpAsync(_user.Id, Guid.Empty, TestHost.Password, Totp.Compute(secret, _host.Time.GetUtcNow()), default));
        Assert.True(confirm.Succeeded);
        Assert.Equal(10, confirm.Value.Count);

        Assert.Equal(RbacErrorCodes.MfaRequired, (await _host.LoginAsync("ada@example.com")).Error?.Code);

        // The confirmation code's step is spent: the same code does not log in.
        Assert.Equal(RbacErrorCodes.InvalidMfaCode, (await _host.LoginAsync("ada@example.com", code: Totp.Compute(secret, _host.Time.GetUtcNow()))).Error?.Code);

        _host.Time.Advance(TimeSpan.FromSeconds(30));
        var code = Totp.Compute(secret, _host.Time.GetUtcNow());
        Assert.True((await _host.LoginAsync("ada@example.com", code: code)).Succeeded);
        Assert.Equal(RbacErrorCodes.InvalidMfaCode, (await _host.LoginAsync("ada@example.com", code: code)).Error?.Code);

        var recovery = confirm.Value[0];
        Assert.True((await _host.LoginAsync("ada@example.com", recovery: recovery.ToLowerInvariant())).Succeeded);
        Assert.False((await _host.LoginAsync("ada@example.com", recovery: recovery)).Succeeded);
        Assert.True((await _host.LoginAsync("ada@example.com", recovery: confirm.Value![1])).Succeeded);
    }

    [Fact]
    public async Task Parallel_submissions_of_one_totp_code_succeed_once()
    {
        var secret = await EnableMfaAsync();
        _host.Time.Advance(TimeSpan.FromSeconds(30));
        var code = Totp.Compute(secret, _host.Time.GetUtcNow());
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _host.LoginAsync("ada@example.com", code: code))));
        Assert.Equal(1, results.Count(r => r.Succeeded));
    }

    [Fact]
    public async Task Wrong_mfa_codes_count_toward_lockout()
    {
        await EnableMfaAsync();
        for (var i = 0; i < 5; i++)
        {
            await _host.LoginAsync("ada@example.com", code: "000000");
        }

        Assert.Equal(RbacErrorCodes.InvalidCredentials, (await _host.LoginAsync("ada@example.com")).Error?.Code);
    }

    [Fact]
    public async Task Mfa_is_disabled_with_the_second_factor_not_with_the_password()
    {
        var secret = await EnableMfaAsync();
        var missing = await _host.InScopeAsync<IMfaService, RbacResult>(m => m.DisableTotpAsync(_user.Id, null, null, default));
        Assert.Equal(RbacErrorCodes.ValidationFailed, missing.Error?.Code);
        var wrong = await _host.InScopeAsync<IMfaService, RbacResult>(m => m.DisableTotpAsync(_user.Id, "000000", null, default));
        Assert.Equal(RbacErrorCodes.InvalidMfaCode, wrong.Error?.Code);
        Assert.Equal(1, (await _host.Store.FindByIdAsync(_user.Id, default))!.FailedLoginCount);
        _host.Time.Advance(TimeSpan.FromSeconds(30));
        var ok = await _host.InScopeAsync<IMfaService, RbacResult>(m => m.DisableTotpAsync(_user.Id, Totp.Compute(secret, _host.Time.GetUtcNow()), null, default));
        Assert.True(ok.Succeeded);
        Assert.True((await _host.LoginAsync("ada@example.com")).Succeeded);
    }

    [Fact]
    public async Task Mfa_setup_needs_the_password_unless_the_login_is_recent()
    {
        var login = await _host.LoginAsync("ada@example.com");
        var sessionId = Guid.Parse(System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(Pad(login.Value!.AccessToken.Split('.')[1]))).RootElement.GetProperty("sid").GetString()!);
        Assert.True((await _host.InScopeAsync<IMfaService, RbacResult<TotpSetup>>(m => m.BeginTotpSetupAsync(_user.Id, sessionId, null, default))).Succeeded);

        _host.Time.Advance(TimeSpan.FromMinutes(5));
        var stale = await _host.InScopeAsync<IMfaService, RbacResult<TotpSetup>>(m => m.BeginTotpSetupAsync(_user.Id, sessionId, null, default));
        Assert.Equal(RbacErrorCodes.ReauthenticationRequired, stale.Error?.Code);
        var wrong = await _host.InScopeAsync<IMfaService, RbacResult<TotpSetup>>(m => m.BeginTotpSetupAsync(_user.Id, sessionId, "not the password at all", default));
        Assert.Equal(RbacErrorCodes.InvalidCredentials, wrong.Error?.Code);
        Assert.True(wrong.Error!.Errors!.ContainsKey("currentPassword"));
        Assert.True((await _host.InScopeAsync<IMfaService, RbacResult<TotpSetup>>(m => m.BeginTotpSetupAsync(_user.Id, sessionId, TestHost.Password, default))).Succeeded);

        // Another user's session does not count as a recent login.
        var other = await _host.InScopeAsync<IMfaService, RbacResult<TotpSetup>>(m => m.BeginTotpSetupAsync(Guid.NewGuid(), sessionId, null, default));
        Assert.False(other.Succeeded);
    }

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }

    [Fact]
    public async Task The_totp_secret_is_encrypted_at_rest()
    {
        await EnableMfaAsync();
        var stored = (await _host.Store.FindByIdAsync(_user.Id, default))!;
        Assert.NotNull(stored.TotpSecret);
        Assert.True(stored.TotpSecret.Length > 20 + 12);
    }

    private async Task<byte[]> EnableMfaAsync()
    {
        var setup = await _host.InScopeAsync<IMfaService, RbacResult<TotpSetup>>(m => m.BeginTotpSetupAsync(_user.Id, Guid.Empty, TestHost.Password, default));
        var secret = OtpNet.Base32Encoding.ToBytes(setup.Value!.Secret);
        var confirm = await _host.InScopeAsync<IMfaService, RbacResult<IReadOnlyList<string>>>(m => m.ConfirmTotpAsync(_user.Id, Guid.Empty, TestHost.Password, Totp.Compute(secret, _host.Time.GetUtcNow()), default));
        Assert.True(confirm.Succeeded);
        return secret;
    }
}
