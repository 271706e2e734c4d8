using System.Net;
using System.Net.Http.Json;

namespace CinemaAuthHost.SecurityTests;

public sealed class RaceFixture : SecurityHostFixture
{
    protected override string Name => "races";

    // The parallel-logins race sends wrong passwords on purpose; with the default threshold (5) they would lock the
    // account part-way and turn an unpredictable share of the right passwords into "locked out".
    protected override (string Key, string Value)[] Settings => [("RbacKit:Lockout:MaxFailedAttempts", "1000")];
}

/// <summary>Concurrency: one user per email, one winner per refresh token, every login recorded. Figures go to the report.</summary>
public sealed class RaceTests(RaceFixture fixture, ITestOutputHelper output) : IClassFixture<RaceFixture>
{
    private SecurityHost Host => fixture.Host;

    private static string Tally(IEnumerable<HttpStatusCode> statuses) =>
        string.Join(' ', statuses.GroupBy(s => (int)s).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"));

    [Fact]
    public async Task A_hundred_parallel_registrations_of_one_email_make_one_user()
    {
        var email = Api.NewEmail("race");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 100).Select(async i =>
        {
            await start.Task;
            using var client = Host.CreateClient();
            using var response = await client.PostAsJsonAsync("/auth/register", Api.RegisterBody(i % 2 == 0 ? email : email.ToUpperInvariant()));
            return response.StatusCode;
        }).ToArray();
        start.SetResult();
        var statuses = await Task.WhenAll(attempts);

        var users = (await Host.CountAsync($"SELECT count(*) FROM rbac_users WHERE \"NormalizedEmail\" = upper('{email}') OR lower(\"Email\") = lower('{email}')"));
        var grants = (await Host.CountAsync($"SELECT count(*) FROM rbac_user_roles g JOIN rbac_users u ON u.\"Id\" = g.\"UserId\" WHERE lower(u.\"Email\") = lower('{email}')"));
        Figures.Record(output, "race.register_same_email", $"requests=100 statuses={Tally(statuses)} users={users} role_grants={grants}");
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        Assert.Equal(1, users);
        Assert.Equal(1, grants);
    }

    [Fact]
    public async Task Fifty_parallel_refreshes_of_one_token_give_at_most_one_success_and_no_live_orphan()
    {
        var account = await Host.RegisterAsync("refresh-race");
        var tokens = await Host.LoginAsync(account);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 50).Select(async _ =>
        {
            await start.Task;
            using var client = Host.CreateClient();
            var response = await client.PostAsJsonAsync("/auth/refresh", new { refreshToken = tokens.RefreshToken });
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, body);
        }).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(attempts);
        var winners = results.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => System.Text.Json.JsonSerializer.Deserialize<Tokens>(r.body, System.Text.Json.JsonSerializerOptions.Web)!).ToList();
        var reused = results.Count(r => r.body.Contains("token_reused", StringComparison.Ordinal));

        var liveSessions = (await Host.CountAsync($"SELECT count(*) FROM rbac_sessions WHERE \"UserId\" = '{account.Id}' AND \"RevokedAt\" IS NULL"));
        var allSessions = (await Host.CountAsync($"SELECT count(*) FROM rbac_sessions WHERE \"UserId\" = '{account.Id}'"));

        // Whatever won, a refresh token minted in the race must not outlive the detected reuse.
        var winnerWorks = 0;
        foreach (var winner in winners)
        {
            using var client = Host.CreateClient();
            if ((await client.PostAsJsonAsync("/auth/refresh", new { refreshToken = winner.RefreshToken })).IsSuccessStatusCode)
            {
                winnerWorks++;
            }
        }

        Figures.Record(output, "race.refresh_same_token", $"requests=50 statuses={Tally(results.Select(r => r.StatusCode))} successes={winners.Count} token_reused={reused} sessions={allSessions} live_sessions_after={liveSessions} winner_refresh_still_works={winnerWorks}");
        Assert.DoesNotContain(results, r => (int)r.StatusCode >= 500);
        Assert.InRange(winners.Count, 0, 1);
        Assert.Equal(1, allSessions);
        Assert.InRange(liveSessions, 0, 1);
        if (reused > 0)
        {
            Assert.Equal(0, liveSessions);
            Assert.Equal(0, winnerWorks);
        }
    }

    [Fact]
    public async Task Many_parallel_logins_are_all_recorded_in_the_login_history()
    {
        var account = await Host.RegisterAsync("login-race");
        const int Logins = 100;
        const int Wrong = Logins / 4;
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, Logins).Select(async i =>
        {
            await start.Task;
            using var client = Host.CreateClient();
            using var response = await client.PostAsJsonAsync("/auth/login", new { email = account.Email, password = i % 4 == 0 ? "wrong-wrong-wrong-wrong" : account.Password });
            return response.StatusCode;
        }).ToArray();
        start.SetResult();
        var statuses = await Task.WhenAll(attempts);

        var recorded = await Host.CountAsync($"SELECT count(*) FROM rbac_login_events WHERE \"UserId\" = '{account.Id}'");
        var succeeded = await Host.CountAsync($"SELECT count(*) FROM rbac_login_events WHERE \"UserId\" = '{account.Id}' AND \"Outcome\" = 0");
        var wrongPassword = await Host.CountAsync($"SELECT count(*) FROM rbac_login_events WHERE \"UserId\" = '{account.Id}' AND \"Outcome\" = 2");
        using var client = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);
        var history = await (await client.GetAsync("/me/login-history?pageSize=100&page=1")).JsonAsync();
        var older = await (await client.GetAsync("/me/login-history?pageSize=100&page=2")).JsonAsync();
        var items = history.GetProperty("items").EnumerateArray().Concat(older.GetProperty("items").EnumerateArray()).ToList();
        Figures.Record(output, "race.parallel_logins", $"requests={Logins} statuses={Tally(statuses)} login_events={recorded} history_total_after_one_more={history.GetProperty("total").GetInt32()}");

        Assert.Equal(Logins - Wrong, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(Wrong, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(Logins, recorded);
        Assert.Equal(Logins - Wrong, succeeded);
        Assert.Equal(Wrong, wrongPassword);
        Assert.Equal(Logins + 1, history.GetProperty("total").GetInt32());
        Assert.Equal(Logins + 1, items.Count);
        Assert.Equal(Logins - Wrong + 1, items.Count(i => i.GetProperty("success").GetBoolean()));
    }
}
