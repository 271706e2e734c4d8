using System.Collections;

namespace CinemaAuthHost.Tests;

/// <summary>
/// A C# client generated from the live /openapi/v1.json (NSwag, compiled by Roslyn in-process) registers, signs in, reads
/// the profile, adds a movie and lists movies against the running host, and reads a documented problem (issue 12).
/// </summary>
public sealed class GeneratedClientTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task A_client_generated_from_the_document_compiles_and_calls_the_api()
    {
        using var anonymous = fixture.Host.CreateClient();
        using var generated = await GeneratedClient.GenerateAsync(await anonymous.GetStringAsync("/openapi/v1.json"));
        var client = generated.Create(anonymous);

        var email = Accounts.NewEmail("generated");
        var profile = await generated.CallAsync(client, "RbacKit_Auth_Register", new
        {
            Email = email,
            Password = Accounts.StrongPassword,
            PasswordConfirm = Accounts.StrongPassword,
            FirstName = "Gen",
            LastName = "Client",
        });
        Assert.Equal(email, GeneratedClient.Get(profile, "Email"));
        Assert.Equal("Gen", GeneratedClient.Get(profile, "FirstName"));

        var tokens = await generated.CallAsync(client, "RbacKit_Auth_Login", new { Email = email, Password = Accounts.StrongPassword });
        Assert.Equal("Bearer", GeneratedClient.Get(tokens, "TokenType"));
        Assert.True((int)GeneratedClient.Get(tokens, "ExpiresIn")! > 0);

        using var signedIn = fixture.Host.CreateClient((string)GeneratedClient.Get(tokens, "AccessToken")!);
        var viewer = generated.Create(signedIn);
        var me = await generated.CallAsync(viewer, "RbacKit_Account_GetProfile");
        Assert.Equal(email, GeneratedClient.Get(me, "Email"));
        Assert.Contains("user", ((IEnumerable)GeneratedClient.Get(me, "Roles")!).Cast<string>());

        using var moderatorHttp = await fixture.Host.ClientAsync(Accounts.Moderator);
        var moderator = generated.Create(moderatorHttp);
        var title = $"Generated {Guid.NewGuid():N}";
        var movie = await generated.CallAsync(moderator, "CreateMovies", new { Title = title, Year = 1999 });
        Assert.Equal(1999, GeneratedClient.Get(movie, "Year"));

        var page = await generated.CallAsync(viewer, "ListMovies", title, 1, 10);
        var items = ((IEnumerable)GeneratedClient.Get(page, "Items")!).Cast<object>().ToList();
        Assert.Equal(title, GeneratedClient.Get(Assert.Single(items), "Title"));
        Assert.Equal(1L, GeneratedClient.Get(page, "Total"));

        // A documented problem reaches the caller as the generated exception with its status and code.
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => generated.CallAsync(client, "RbacKit_Auth_Login", new { Email = email, Password = "wrong-password-1" }));
        Assert.Equal(401, GeneratedClient.Get(failure, "StatusCode"));
        var problem = GeneratedClient.Get(failure, "Result");
        Assert.Equal("invalid_credentials", ((IDictionary<string, object>)GeneratedClient.Get(problem, "AdditionalProperties")!)["code"]?.ToString());
    }
}
