using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CinemaAuthHost.Tests;

/// <summary>Keyset pages over HTTP: cursor walks, refused cursors and deep offsets, and the audit trail (audit:read).</summary>
public abstract class PagingJourneyTests(HostFixture fixture)
{
    private CinemaHost Host => fixture.Host;

    /// <summary>Follows <c>nextCursor</c> from <paramref name="firstUrl"/> to the last page; every page but the last is full.</summary>
    private static async Task<List<JsonElement>> WalkAsync(HttpClient client, string firstUrl, int pageSize)
    {
        var items = new List<JsonElement>();
        var page = await (await client.GetAsync(firstUrl)).JsonAsync();
        var separator = firstUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        for (var number = 1; ; number++)
        {
            Assert.Equal(number, page.GetProperty("page").GetInt32());
            items.AddRange(page.GetProperty("items").EnumerateArray());
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
                return items;
            }

            Assert.Equal(pageSize, page.GetProperty("items").GetArrayLength());
            var cursor = page.GetProperty("nextCursor").GetString()!;
            page = await (await client.GetAsync($"{firstUrl}{separator}cursor={Uri.EscapeDataString(cursor)}&page=999")).JsonAsync();
        }
    }

    private static string Edited(string cursor, int at) => cursor[..at] + (cursor[at] == 'A' ? 'B' : 'A') + cursor[(at + 1)..];

    [Fact]
    public async Task Users_walk_by_cursor_and_a_tampered_cursor_or_a_deep_offset_answers_400()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var accounts = new List<Account>();
        for (var i = 0; i < 5; i++)
        {
            accounts.Add(await Host.RegisterAsync($"walk{tag}"));
        }

        using var admin = await Host.ClientAsync(Accounts.Admin);
        var first = await (await admin.GetAsync($"/users?search=walk{tag}&pageSize=2")).JsonAsync();
        Assert.Equal(5, first.GetProperty("total").GetInt64());
        Assert.False(first.GetProperty("totalIsCapped").GetBoolean());
        Assert.True(first.GetProperty("hasMore").GetBoolean());

        var walked = await WalkAsync(admin, $"/users?search=walk{tag}&pageSize=2", 2);
        var emails = walked.Select(u => u.GetProperty("email").GetString()!).ToList();
        Assert.Equal(accounts.Select(a => a.Email).Order(StringComparer.Ordinal), emails.Order(StringComparer.Ordinal));
        Assert.Equal(emails.Count, emails.Distinct(StringComparer.Ordinal).Count());
        var offset = await (await admin.GetAsync($"/users?search=walk{tag}&pageSize=5")).JsonAsync();
        Assert.Equal(offset.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()), emails);

        var cursor = first.GetProperty("nextCursor").GetString()!;
        foreach (var bad in new[] { Edited(cursor, 0), Edited(cursor, cursor.Length / 2), Edited(cursor, cursor.Length - 1), cursor[..^3], "not-a-cursor", "%FF%FE", new string('A', 5000) })
        {
            var problem = await (await admin.GetAsync($"/users?search=walk{tag}&cursor={Uri.EscapeDataString(bad)}")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _), problem.ToString());
        }

        var deep = await (await admin.GetAsync("/users?page=501&pageSize=20")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("cursor", deep.GetProperty("errors").GetProperty("page")[0].GetString()!, StringComparison.Ordinal);
        await (await admin.GetAsync("/users?page=500&pageSize=20")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_history_walks_by_cursor_and_refuses_a_cursor_of_another_list()
    {
        var account = await Host.RegisterAsync("historywalk");
        for (var i = 0; i < 3; i++)
        {
            await Host.LoginAsync(account);
        }

        using var client = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);
        var walked = await WalkAsync(client, "/me/login-history?pageSize=1", 1);
        Assert.Equal(4, walked.Count);
        var times = walked.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);

        using var admin = await Host.ClientAsync(Accounts.Admin);
        var usersCursor = (await (await admin.GetAsync("/users?pageSize=1")).JsonAsync()).GetProperty("nextCursor").GetString()!;
        var problem = await (await client.GetAsync($"/me/login-history?cursor={Uri.EscapeDataString(usersCursor)}")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
        await (await client.GetAsync("/me/login-history?page=101&pageSize=100")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Audit_events_need_audit_read_filter_by_actor_and_target_and_walk_by_cursor()
    {
        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);
        using var admin = await Host.ClientAsync(Accounts.Admin);
        var superadminId = (await (await superadmin.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid();
        var adminId = (await (await admin.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid();
        var name = $"audited-{Guid.NewGuid():N}"[..20];
        var role = (await (await superadmin.PostAsJsonAsync("/roles", new { name, description = "one", permissions = new[] { "movies:read" } })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await superadmin.SendJsonAsync(HttpMethod.Put, $"/roles/{role}", new { name, description = "two", permissions = new[] { "movies:read" } })).AssertStatusAsync(HttpStatusCode.OK);
        await (await admin.SendJsonAsync(HttpMethod.Put, $"/roles/{role}", new { name, description = "three", permissions = new[] { "movies:read" } })).AssertStatusAsync(HttpStatusCode.OK);
        await (await superadmin.SendJsonAsync(HttpMethod.Put, $"/roles/{role}", new { name, description = "four", permissions = new[] { "movies:read", "movies:write" } })).AssertStatusAsync(HttpStatusCode.OK);

        // Newest first, before and after as the JSON objects stored (RoleInfo snapshots, PascalCase).
        var all = await (await admin.GetAsync($"/audit-events?target={role}")).JsonAsync();
        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["role.updated", "role.updated", "role.updated", "role.created"], items.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(4, all.GetProperty("total").GetInt64());
        Assert.All(items, e => Assert.Equal(role.ToString(), e.GetProperty("targetId").GetString()));
        Assert.Equal("role", items[0].GetProperty("targetType").GetString());
        Assert.Equal(superadminId, items[0].GetProperty("actorId").GetGuid());
        Assert.Equal("three", items[0].GetProperty("before").GetProperty("Description").GetString());
        Assert.Equal("four", items[0].GetProperty("after").GetProperty("Description").GetString());
        Assert.Equal(JsonValueKind.Null, items[3].GetProperty("before").ValueKind);
        var times = items.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);

        var byAdmin = await (await admin.GetAsync($"/audit-events?actor={adminId}&target={role}")).JsonAsync();
        Assert.Equal(["three"], byAdmin.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("after").GetProperty("Description").GetString()));
        var bySuperadmin = await (await admin.GetAsync($"/audit-events?actor={superadminId}&target={role}")).JsonAsync();
        Assert.Equal(3, bySuperadmin.GetProperty("items").GetArrayLength());
        var byActorOnly = await (await admin.GetAsync($"/audit-events?actor={adminId}&pageSize=100")).JsonAsync();
        Assert.All(byActorOnly.GetProperty("items").EnumerateArray(), e => Assert.Equal(adminId, e.GetProperty("actorId").GetGuid()));

        var walked = await WalkAsync(admin, $"/audit-events?target={role}&pageSize=1", 1);
        Assert.Equal(items.Select(e => e.GetProperty("id").GetGuid()), walked.Select(e => e.GetProperty("id").GetGuid()));

        await (await admin.GetAsync("/audit-events?actor=someone")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.GetAsync($"/audit-events?target={new string('x', 65)}")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.GetAsync("/audit-events?cursor=tampered")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        using var moderator = await Host.ClientAsync(Accounts.Moderator);
        await (await moderator.GetAsync("/audit-events")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var user = await Host.ClientAsync(Accounts.User);
        await (await user.GetAsync($"/audit-events?target={role}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var anonymous = Host.CreateClient();
        await (await anonymous.GetAsync("/audit-events")).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class SqlitePagingJourneyTests(SqliteHostFixture fixture) : PagingJourneyTests(fixture), IClassFixture<SqliteHostFixture>;

public sealed class PostgresPagingJourneyTests(PostgresHostFixture fixture) : PagingJourneyTests(fixture), IClassFixture<PostgresHostFixture>;
