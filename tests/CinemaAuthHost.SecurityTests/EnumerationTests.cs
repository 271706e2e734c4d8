using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CinemaAuthHost.SecurityTests;

public sealed class EnumerationFixture : SecurityHostFixture
{
    protected override string Name => "enumeration";

    // A realistic hash cost, so the timing comparison measures what production does; no automatic lockout here (the locked
    // account is locked explicitly), so repeated wrong passwords stay "wrong password".
    protected override (string Key, string Value)[] Settings =>
    [
        ("RbacKit:Passwords:WorkFactor", "11"),
        ("RbacKit:Passwords:AllowWeakWorkFactor", "false"),
        ("RbacKit:Lockout:MaxFailedAttempts", "1000000"),
    ];
}

/// <summary>Login refusals do not reveal whether an account exists, is locked or is deactivated: same status, same body.</summary>
public sealed class EnumerationTests(EnumerationFixture fixture, ITestOutputHelper output) : IClassFixture<EnumerationFixture>
{
    private SecurityHost Host => fixture.Host;

    private async Task<(Account Wrong, Account Locked, Account Deactivated)> AccountsAsync()
    {
        var wrong = await Host.RegisterAsync("enum-wrong");
        var locked = await Host.RegisterAsync("enum-locked");
        await Host.ScalarAsync($"UPDATE rbac_users SET \"LockoutEnd\" = now() + interval '1 hour' WHERE \"Id\" = '{locked.Id}'");
        var deactivated = await Host.RegisterAsync("enum-gone");
        using (var client = Host.CreateClient((await Host.LoginAsync(deactivated)).AccessToken))
        {
            var delete = await client.SendAsync(HttpMethod.Delete, "/me", JsonSerializer.Serialize(new { password = deactivated.Password }));
            await delete.AssertStatusAsync(HttpStatusCode.NoContent);
        }

        return (wrong, locked, deactivated);
    }

    [Fact]
    public async Task Unknown_wrong_locked_and_deactivated_get_the_same_status_and_body()
    {
        var (wrong, locked, deactivated) = await AccountsAsync();
        var cases = new Dictionary<string, object>
        {
            ["unknown email"] = new { email = Api.NewEmail("nobody"), password = Api.StrongPassword },
            ["wrong password"] = new { email = wrong.Email, password = Api.StrongPassword + "x" },
            ["locked (right password)"] = new { email = locked.Email, password = locked.Password },
            ["locked (wrong password)"] = new { email = locked.Email, password = "nope-nope-nope-nope" },
            ["deactivated (right password)"] = new { email = deactivated.Email, password = deactivated.Password },
        };
        var bodies = new Dictionary<string, string>();
        foreach (var (name, body) in cases)
        {
            var response = await Host.PostLoginAsync(body);
            var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
            bodies[name] = Api.Comparable(problem);
            Assert.Null(response.Headers.RetryAfter);
        }

        Assert.Single(bodies.Values.Distinct());
    }

    [Fact]
    public async Task Timing_of_the_refusals_is_reported()
    {
        var (wrong, locked, deactivated) = await AccountsAsync();
        var cases = new (string Name, object Body)[]
        {
            ("unknown", new { email = Api.NewEmail("nobody"), password = Api.StrongPassword }),
            ("wrong_password", new { email = wrong.Email, password = Api.StrongPassword + "x" }),
            ("locked", new { email = locked.Email, password = locked.Password }),
            ("deactivated", new { email = deactivated.Email, password = deactivated.Password }),
        };
        var samples = cases.ToDictionary(c => c.Name, _ => new List<double>());
        using var client = Host.CreateClient();
        for (var round = 0; round < 5; round++)
        {
            foreach (var (_, body) in cases)
            {
                (await client.PostAsJsonAsync("/auth/login", body)).Dispose(); // warm-up
            }
        }

        for (var round = 0; round < 30; round++)
        {
            // Interleaved, so drift of the machine affects every case alike.
            foreach (var (name, body) in cases)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync("/auth/login", body);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                samples[name].Add(elapsed);
            }
        }

        var baseline = samples["wrong_password"].Order().ElementAt(samples["wrong_password"].Count / 2);
        foreach (var (name, values) in samples)
        {
            var median = values.Order().ElementAt(values.Count / 2);
            Figures.Record(output, $"enumeration.timing.{name}", $"{Figures.Describe(values)} median/wrong_password={median / baseline:F2}");
        }
    }
}
