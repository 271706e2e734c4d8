using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace CinemaAuthHost.Tests;

/// <summary>Look-alike emails of the demo accounts are refused exactly like a taken email; passwords match in NFKC form.</summary>
public abstract class UnicodeEmailTests(HostFixture fixture)
{
    private CinemaHost Host => fixture.Host;

    [Theory]
    [InlineData("\uFF41dmin@example.com")] // fullwidth a
    [InlineData("\u017Fuperadmin@example.com")] // long s
    [InlineData("\u0430dmin@example.com")] // Cyrillic a
    [InlineData("superadm\u0131n@example.com")] // dotless i
    public async Task A_look_alike_of_a_demo_account_is_refused_like_a_taken_email(string email)
    {
        using var client = Host.CreateClient();
        var exact = await RegisterAsync(client, "admin@example.com", Accounts.StrongPassword);
        var exactProblem = await exact.AssertProblemAsync(HttpStatusCode.Conflict, "email_taken");

        var look = await RegisterAsync(client, email, Accounts.StrongPassword);
        var problem = await look.AssertProblemAsync(HttpStatusCode.Conflict, "email_taken");
        Assert.Equal(exactProblem.GetProperty("detail").GetString(), problem.GetProperty("detail").GetString());
        Assert.Equal(exactProblem.GetProperty("title").GetString(), problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_email_change_to_a_look_alike_is_refused()
    {
        var account = await Host.RegisterAsync("unicode-change");
        using var client = await Host.ClientAsync(account.Email, account.Password);
        var response = await client.PostAsJsonAsync("/me/email", new { currentPassword = account.Password, newEmail = "\u0430dmin@example.com" });
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "email_taken");
    }

    [Fact]
    public async Task A_password_registered_in_fullwidth_letters_logs_in_with_its_nfkc_form()
    {
        const string fullwidth = "\uFF4D\uFF41\uFF52\uFF42\uFF4C\uFF45 orchard lantern river 93";
        var email = Accounts.NewEmail("unicode-password");
        using var client = Host.CreateClient();
        await (await RegisterAsync(client, email, fullwidth)).JsonAsync(HttpStatusCode.Created);

        var login = await Host.PostLoginAsync(new { email, password = fullwidth.Normalize(NormalizationForm.FormKC) });
        await login.JsonAsync(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/auth/register", new { email, password, passwordConfirm = password, firstName = "Look", lastName = "Alike" });
}

public sealed class SqliteUnicodeEmailTests(SqliteHostFixture fixture) : UnicodeEmailTests(fixture), IClassFixture<SqliteHostFixture>;

public sealed class PostgresUnicodeEmailTests(PostgresHostFixture fixture) : UnicodeEmailTests(fixture), IClassFixture<PostgresHostFixture>;
