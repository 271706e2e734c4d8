using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

/// <summary>Keyset pages: order, continuation after a cursor, no duplicate and no gap when rows arrive between pages.</summary>
public abstract partial class StoreSpecificationTests
{
    private static async Task<List<T>> WalkAsync<T>(Func<PageRequest, Task<PagedResult<T>>> page, int pageSize, PageKeyKind kind, Func<Task>? betweenFirstAndSecond = null)
    {
        var all = new List<T>();
        var current = await page(Page(1, pageSize, kind));
        all.AddRange(current.Items);
        if (betweenFirstAndSecond is not null)
        {
            await betweenFirstAndSecond();
        }

        var pages = 1;
        while (current.HasMore)
        {
            Assert.NotNull(current.NextCursor);
            Assert.Equal(pageSize, current.Items.Count);
            current = await page(After(current.NextCursor, pageSize, kind));
            Assert.Equal(++pages, current.Page);
            all.AddRange(current.Items);
        }

        Assert.Null(current.NextCursor);
        return all;
    }

    private Task<StoreResult> CreateUserWithEmailAsync(string email) => Use<IUserStore, StoreResult>(s => s.CreateAsync(NewUser(email), [], default));

    [Fact]
    public async Task Users_page_by_cursor_in_email_order_without_duplicates_or_gaps_when_users_arrive_between_pages()
    {
        // Emails that differ in one letter at one place, so every collation orders them alike.
        var tag = Guid.NewGuid().ToString("N")[..10];
        string Email(char c) => $"keyset{tag}{c}@example.com";
        foreach (var c in "bdfhjln")
        {
            Assert.Equal(StoreResult.Success, await CreateUserWithEmailAsync(Email(c)));
        }

        var offset = await Use<IUserStore, PagedResult<User>>(s => s.SearchAsync(tag, Page(1, 50, PageKeyKind.Text), default));
        Assert.Equal(7, offset.Total);
        Assert.False(offset.TotalIsCapped);
        Assert.False(offset.HasMore);
        Assert.Null(offset.NextCursor);
        Assert.Equal("bdfhjln".Select(c => Email(c)), offset.Items.Select(u => u.Email));

        // After page one (b, d, f): "a" sorts before the cursor and is not seen; "m" sorts after it and is.
        var walked = await WalkAsync(p => Use<IUserStore, PagedResult<User>>(s => s.SearchAsync(tag, p, default)), 3, PageKeyKind.Text, async () =>
        {
            await CreateUserWithEmailAsync(Email('a'));
            await CreateUserWithEmailAsync(Email('m'));
        });
        Assert.Equal("bdfhjlmn".Select(c => Email(c)), walked.Select(u => u.Email));
        Assert.Equal(walked.Count, walked.Select(u => u.Id).Distinct().Count());

        // A total counts the whole filtered set on every page, the cursor's too.
        var first = await Use<IUserStore, PagedResult<User>>(s => s.SearchAsync(tag, Page(1, 4, PageKeyKind.Text), default));
        var second = await Use<IUserStore, PagedResult<User>>(s => s.SearchAsync(tag, After(first.NextCursor, 4, PageKeyKind.Text), default));
        Assert.Equal((9, 9), (first.Total, second.Total));
        Assert.Equal("abdf".Select(c => Email(c)), first.Items.Select(u => u.Email));
        Assert.Equal("hjlm".Select(c => Email(c)), second.Items.Select(u => u.Email));
    }

    [Fact]
    public async Task Login_history_pages_by_cursor_newest_first_with_ties_and_stays_within_its_time_bound()
    {
        var user = await CreateUserAsync();
        var start = Time.GetUtcNow();
        var ids = new List<Guid>();
        async Task<Guid> AddAsync(DateTimeOffset at)
        {
            var id = Guid.CreateVersion7(at);
            await Use<ILoginEventStore>(s => s.AppendAsync(new LoginEvent { Id = id, UserId = user.Id, At = at, Outcome = LoginOutcome.Success }, default));
            return id;
        }

        // Seven events at five instants: two pairs share their time, so only the id orders them.
        foreach (var minutes in new[] { 1, 2, 2, 3, 4, 4, 5 })
        {
            ids.Add(await AddAsync(start.AddMinutes(minutes)));
        }

        var tooOld = await AddAsync(start.AddDays(-400));
        var since = start.AddDays(-365);
        Task<PagedResult<LoginEvent>> PageAsync(PageRequest p) => Use<ILoginEventStore, PagedResult<LoginEvent>>(s => s.GetPageAsync(user.Id, since, p, default));

        var offset = await PageAsync(Page(1, 50));
        Assert.Equal(7, offset.Total);
        Assert.DoesNotContain(offset.Items, e => e.Id == tooOld);
        var order = offset.Items.Select(e => (e.At, e.Id)).ToList();
        Assert.True(order.Zip(order.Skip(1)).All(p => p.First.At >= p.Second.At), "newest first");

        // Between pages: a newer event (before the cursor in this order) is not seen, an older one within bounds is.
        Guid newer = default, older = default;
        var walked = await WalkAsync(PageAsync, 2, PageKeyKind.Time, async () =>
        {
            newer = await AddAsync(start.AddMinutes(10));
            older = await AddAsync(start.AddSeconds(30));
        });
        Assert.Equal([.. offset.Items.Select(e => e.Id), older], walked.Select(e => e.Id));
        Assert.DoesNotContain(newer, walked.Select(e => e.Id));
        Assert.Equal(walked.Count, walked.Select(e => e.Id).Distinct().Count());
        Assert.Equal(9, (await PageAsync(Page(1, 2))).Total); // a fresh listing counts both
    }

    [Fact]
    public async Task Audit_events_filter_by_actor_and_target_and_page_by_cursor_newest_first()
    {
        var actor = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        var role = Guid.CreateVersion7().ToString();
        var user = Guid.CreateVersion7().ToString();
        async Task AddAsync(Guid who, string target, string action)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Use<IAuditEventStore>(s => s.AppendAsync(new AuditEvent { Id = IdGenerator.NewId(Time), At = Time.GetUtcNow(), ActorId = who, Action = action, TargetType = "role", TargetId = target }, default));
        }

        await AddAsync(actor, role, "a1");
        await AddAsync(other, role, "o1");
        await AddAsync(actor, user, "a2");
        await AddAsync(actor, role, "a3");
        await AddAsync(other, user, "o2");
        await AddAsync(actor, user, "a4");
        await AddAsync(actor, role, "a5");

        Task<PagedResult<AuditEvent>> PageAsync(Guid? a, string? t, PageRequest p) => Use<IAuditEventStore, PagedResult<AuditEvent>>(s => s.GetPageAsync(a, t, p, default));
        Assert.Equal(["a5", "a4", "a3", "a2", "a1"], (await PageAsync(actor, null, Page(1, 50))).Items.Select(e => e.Action));
        Assert.Equal(["a5", "a3", "o1", "a1"], (await PageAsync(null, role, Page(1, 50))).Items.Select(e => e.Action));
        Assert.Equal(["a4", "a2"], (await PageAsync(actor, user, Page(1, 50))).Items.Select(e => e.Action));

        var walked = await WalkAsync(p => PageAsync(actor, null, p), 2, PageKeyKind.Time, () => AddAsync(actor, role, "a6"));
        Assert.Equal(["a5", "a4", "a3", "a2", "a1"], walked.Select(e => e.Action));
        var first = await PageAsync(actor, null, Page(1, 2));
        Assert.Equal((6, true), (first.Total, first.HasMore));
    }
}
