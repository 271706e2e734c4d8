using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

public abstract partial class StoreSpecificationTests
{
    [Fact]
    public async Task Login_history_pages_newest_first_per_user()
    {
        var user = await CreateUserAsync();
        var other = await CreateUserAsync();
        for (var i = 0; i < 5; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            var outcome = i % 2 == 0 ? LoginOutcome.Success : LoginOutcome.InvalidPassword;
            await Use<ILoginEventStore>(s => s.AppendAsync(new LoginEvent { Id = IdGenerator.NewId(Time), UserId = user.Id, At = Time.GetUtcNow(), Outcome = outcome, IpAddress = "198.51.100.7" }, default));
        }

        await Use<ILoginEventStore>(s => s.AppendAsync(new LoginEvent { Id = IdGenerator.NewId(Time), UserId = other.Id, At = Time.GetUtcNow(), Outcome = LoginOutcome.Success }, default));
        await Use<ILoginEventStore>(s => s.AppendAsync(new LoginEvent { Id = IdGenerator.NewId(Time), UserId = null, At = Time.GetUtcNow(), Outcome = LoginOutcome.UnknownUser }, default));

        var first = await Use<ILoginEventStore, PagedResult<LoginEvent>>(s => s.GetPageAsync(user.Id, DateTimeOffset.UnixEpoch, Page(1, 2), default));
        Assert.Equal(5, first.Total);
        Assert.Equal([LoginOutcome.Success, LoginOutcome.InvalidPassword], first.Items.Select(e => e.Outcome));
        Assert.Equal(Time.GetUtcNow(), first.Items[0].At);
        var last = await Use<ILoginEventStore, PagedResult<LoginEvent>>(s => s.GetPageAsync(user.Id, DateTimeOffset.UnixEpoch, Page(3, 2), default));
        Assert.Single(last.Items);
        Assert.Equal("198.51.100.7", last.Items[0].IpAddress);
    }

    [Fact]
    public async Task Audit_events_page_newest_first_and_filter_by_target()
    {
        var target = Guid.CreateVersion7().ToString();
        for (var i = 0; i < 3; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Use<IAuditEventStore>(s => s.AppendAsync(new AuditEvent { Id = IdGenerator.NewId(Time), At = Time.GetUtcNow(), Action = $"a{i}", TargetType = "role", TargetId = target, After = "{\"x\":1}" }, default));
        }

        var page = await Use<IAuditEventStore, PagedResult<AuditEvent>>(s => s.GetPageAsync(null, target, Page(1, 10), default));
        Assert.Equal(["a2", "a1", "a0"], page.Items.Select(e => e.Action));
        Assert.Equal("{\"x\":1}", page.Items[0].After);
    }

    [Fact]
    public async Task Signing_keys_persist_and_retire()
    {
        var keys = Enumerable.Range(0, 2).Select(i => new SigningKey { KeyId = $"k{i}-{Guid.CreateVersion7():N}", Algorithm = "RS256", ProtectedKey = [1, 2, 3], CreatedAt = Time.GetUtcNow().AddSeconds(i) }).ToList();
        foreach (var key in keys)
        {
            await Use<ISigningKeyStore>(s => s.AddAsync(key, default));
        }

        await Use<ISigningKeyStore>(s => s.RetireOthersAsync(keys[1].KeyId, Time.GetUtcNow(), Time.GetUtcNow().AddMinutes(10), default));
        var stored = (await Use<ISigningKeyStore, IReadOnlyList<SigningKey>>(s => s.ListAsync(default))).Where(k => keys.Any(x => x.KeyId == k.KeyId)).ToList();
        Assert.Equal([keys[1].KeyId, keys[0].KeyId], stored.Select(k => k.KeyId));
        Assert.Null(stored[0].RetiredAt);
        Assert.Equal(Time.GetUtcNow().AddMinutes(10), stored[1].ExpiresAt);
        Assert.Equal(new byte[] { 1, 2, 3 }, stored[0].ProtectedKey);
    }

    [Fact]
    public async Task A_withdrawn_signing_key_expires_at_once_and_keeps_an_earlier_retirement()
    {
        var now = Time.GetUtcNow();
        var current = new SigningKey { KeyId = $"w-cur-{Guid.CreateVersion7():N}", Algorithm = "RS256", ProtectedKey = [1], CreatedAt = now };
        var retired = new SigningKey { KeyId = $"w-old-{Guid.CreateVersion7():N}", Algorithm = "RS256", ProtectedKey = [2], CreatedAt = now.AddMinutes(-20), RetiredAt = now.AddMinutes(-5), ExpiresAt = now.AddMinutes(5) };
        await Use<ISigningKeyStore>(s => s.AddAsync(current, default));
        await Use<ISigningKeyStore>(s => s.AddAsync(retired, default));

        Assert.True(await Use<ISigningKeyStore, bool>(s => s.WithdrawAsync(current.KeyId, now, default)));
        Assert.True(await Use<ISigningKeyStore, bool>(s => s.WithdrawAsync(retired.KeyId, now, default)));
        Assert.False(await Use<ISigningKeyStore, bool>(s => s.WithdrawAsync($"missing-{Guid.CreateVersion7():N}", now, default)));

        var stored = (await Use<ISigningKeyStore, IReadOnlyList<SigningKey>>(s => s.ListAsync(default))).ToDictionary(k => k.KeyId);
        Assert.Equal(now, stored[current.KeyId].RetiredAt);
        Assert.Equal(now, stored[current.KeyId].ExpiresAt);
        Assert.Equal(now.AddMinutes(-5), stored[retired.KeyId].RetiredAt);
        Assert.Equal(now, stored[retired.KeyId].ExpiresAt);
    }

    [Fact]
    public async Task Of_racing_first_keys_exactly_one_is_added()
    {
        var now = Time.GetUtcNow();
        var algorithm = "T" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)); // an algorithm of this test alone, so other tests' keys do not count
        var candidates = Enumerable.Range(0, 4).Select(i => new SigningKey { KeyId = $"first-{i}-{Guid.CreateVersion7():N}", Algorithm = algorithm, ProtectedKey = [(byte)i], CreatedAt = now }).ToList();

        var added = await Task.WhenAll(candidates.Select(key => Task.Run(() => Use<ISigningKeyStore, bool>(s => s.AddFirstAsync(key, now, default)))));

        Assert.Equal(1, added.Count(a => a));
        var stored = (await Use<ISigningKeyStore, IReadOnlyList<SigningKey>>(s => s.ListAsync(default))).Where(k => k.Algorithm == algorithm).ToList();
        Assert.Equal(candidates[Array.IndexOf(added, true)].KeyId, Assert.Single(stored).KeyId);

        // A retired or withdrawn key does not count: the ring may add a first key again.
        Assert.True(await Use<ISigningKeyStore, bool>(s => s.WithdrawAsync(stored[0].KeyId, now, default)));
        var next = new SigningKey { KeyId = $"first-next-{Guid.CreateVersion7():N}", Algorithm = algorithm, ProtectedKey = [9], CreatedAt = now };
        Assert.True(await Use<ISigningKeyStore, bool>(s => s.AddFirstAsync(next, now, default)));
    }

    [Fact]
    public async Task Recovery_codes_are_consumed_once()
    {
        var user = await CreateUserAsync();
        var codes = Enumerable.Range(0, 3).Select(i => new RecoveryCode
        {
            Id = IdGenerator.NewId(Time),
            UserId = user.Id,
            Salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16),
            Iterations = 10_000 + i,
            CodeHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
        }).ToList();
        await Use<IRecoveryCodeStore>(s => s.ReplaceAsync(user.Id, codes, default));
        var listed = await Use<IRecoveryCodeStore, IReadOnlyList<RecoveryCode>>(s => s.ListUnusedAsync(user.Id, default));
        Assert.Equal(codes.Select(c => (c.Id, c.Iterations, Convert.ToHexString(c.Salt), Convert.ToHexString(c.CodeHash))).Order(),
            listed.Select(c => (c.Id, c.Iterations, Convert.ToHexString(c.Salt), Convert.ToHexString(c.CodeHash))).Order());

        Assert.False(await Use<IRecoveryCodeStore, bool>(s => s.TryConsumeAsync(Guid.NewGuid(), codes[0].Id, Time.GetUtcNow(), default)));
        Assert.True(await Use<IRecoveryCodeStore, bool>(s => s.TryConsumeAsync(user.Id, codes[0].Id, Time.GetUtcNow(), default)));
        Assert.False(await Use<IRecoveryCodeStore, bool>(s => s.TryConsumeAsync(user.Id, codes[0].Id, Time.GetUtcNow(), default)));
        Assert.DoesNotContain(await Use<IRecoveryCodeStore, IReadOnlyList<RecoveryCode>>(s => s.ListUnusedAsync(user.Id, default)), c => c.Id == codes[0].Id);
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => Use<IRecoveryCodeStore, bool>(s => s.TryConsumeAsync(user.Id, codes[1].Id, Time.GetUtcNow(), default)))));
        Assert.Equal(1, results.Count(r => r));

        await Use<IRecoveryCodeStore>(s => s.ReplaceAsync(user.Id, [codes[0]], default));
        Assert.True(await Use<IRecoveryCodeStore, bool>(s => s.TryConsumeAsync(user.Id, codes[0].Id, Time.GetUtcNow(), default)));
        Assert.False(await Use<IRecoveryCodeStore, bool>(s => s.TryConsumeAsync(user.Id, codes[2].Id, Time.GetUtcNow(), default)));
        await Use<IRecoveryCodeStore>(s => s.DeleteAllAsync(user.Id, default));
        Assert.Empty(await Use<IRecoveryCodeStore, IReadOnlyList<RecoveryCode>>(s => s.ListUnusedAsync(user.Id, default)));
    }

    [Fact]
    public async Task Permission_definitions_upsert_idempotently()
    {
        var name = $"spec{Guid.CreateVersion7():N}"[..20] + ":read";
        await Use<IPermissionDefinitionStore>(s => s.UpsertAsync([new PermissionDefinition { Name = name, Description = "one" }], default));
        await Use<IPermissionDefinitionStore>(s => s.UpsertAsync([new PermissionDefinition { Name = name, Description = "two" }], default));
        var all = await Use<IPermissionDefinitionStore, IReadOnlyList<PermissionDefinition>>(s => s.ListAsync(default));
        Assert.Equal("two", Assert.Single(all, p => p.Name == name).Description);
    }
}
