using System.Net;
using System.Net.Http.Json;

namespace CinemaAuthHost.Tests;

/// <summary>
/// The cinema content: <c>/movies</c> on an MVC controller, <c>/authors</c> and <c>/series</c> on minimal APIs. Anonymous
/// callers get 401, viewers read but get 403 on writes, moderators write.
/// </summary>
public abstract class ContentTests(HostFixture fixture)
{
    private CinemaHost Host => fixture.Host;

    public static TheoryData<string> Resources => ["/movies", "/authors", "/series"];

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Anonymous_and_invalid_tokens_get_401(string resource)
    {
        using var anonymous = Host.CreateClient();
        await (await anonymous.GetAsync(resource)).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        await (await anonymous.GetAsync($"{resource}/{Guid.CreateVersion7()}")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync(resource, Valid(resource))).AssertStatusAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.DeleteAsync($"{resource}/{Guid.CreateVersion7()}")).AssertStatusAsync(HttpStatusCode.Unauthorized);

        using var garbage = Host.CreateClient("not.a.jwt");
        var problem = await (await garbage.GetAsync(resource)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("token_malformed", problem.GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task A_viewer_reads_but_cannot_write(string resource)
    {
        using var moderator = await Host.ClientAsync(Accounts.Moderator);
        var id = (await (await moderator.PostAsJsonAsync(resource, Valid(resource))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var viewer = await Host.ClientAsync(Accounts.User);

        var list = await (await viewer.GetAsync($"{resource}?page=1&pageSize=100")).JsonAsync();
        Assert.Equal(1, list.GetProperty("page").GetInt32());
        Assert.Equal(100, list.GetProperty("pageSize").GetInt32());
        Assert.True(list.GetProperty("total").GetInt64() >= 1);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        await (await viewer.GetAsync($"{resource}/{id}")).AssertStatusAsync(HttpStatusCode.OK);

        await (await viewer.PostAsJsonAsync(resource, Valid(resource))).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await viewer.SendJsonAsync(HttpMethod.Put, $"{resource}/{id}", Valid(resource))).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await viewer.DeleteAsync($"{resource}/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await viewer.GetAsync($"{resource}/{id}")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task A_moderator_creates_updates_and_deletes(string resource)
    {
        using var moderator = await Host.ClientAsync(Accounts.Moderator);
        var body = Valid(resource);

        var created = await moderator.PostAsJsonAsync(resource, body);
        var entity = await created.JsonAsync(HttpStatusCode.Created);
        var id = entity.GetProperty("id").GetGuid();
        Assert.Equal($"{resource}/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(Label(body), entity.GetProperty(LabelField(resource)).GetString());

        var read = await (await moderator.GetAsync($"{resource}/{id}")).JsonAsync();
        Assert.Equal(Label(body), read.GetProperty(LabelField(resource)).GetString());

        var changed = Valid(resource);
        var updated = await (await moderator.SendJsonAsync(HttpMethod.Put, $"{resource}/{id}", changed)).JsonAsync();
        Assert.Equal(id, updated.GetProperty("id").GetGuid());
        Assert.Equal(Label(changed), updated.GetProperty(LabelField(resource)).GetString());
        Assert.Equal(Label(changed), (await (await moderator.GetAsync($"{resource}/{id}")).JsonAsync()).GetProperty(LabelField(resource)).GetString());

        await (await moderator.DeleteAsync($"{resource}/{id}")).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await moderator.GetAsync($"{resource}/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await moderator.DeleteAsync($"{resource}/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await moderator.SendJsonAsync(HttpMethod.Put, $"{resource}/{id}", changed)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Invalid_input_is_a_400_problem_naming_the_fields(string resource)
    {
        using var moderator = await Host.ClientAsync(Accounts.Moderator);

        var problem = await (await moderator.PostAsJsonAsync(resource, Invalid(resource))).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(InvalidFields(resource), fields);

        var id = (await (await moderator.PostAsJsonAsync(resource, Valid(resource))).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await moderator.SendJsonAsync(HttpMethod.Put, $"{resource}/{id}", Invalid(resource))).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await moderator.GetAsync($"{resource}?pageSize=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await moderator.GetAsync($"{resource}/{Guid.CreateVersion7()}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Movies_are_searched_by_title_and_reference_existing_authors()
    {
        using var moderator = await Host.ClientAsync(Accounts.Moderator);
        var tag = Guid.NewGuid().ToString("N")[..12];
        var author = (await (await moderator.PostAsJsonAsync("/authors", new { name = "Agnès Varda" })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await (await moderator.PostAsJsonAsync("/movies", new { title = $"Cléo {tag}", year = 1962, authorId = author })).AssertStatusAsync(HttpStatusCode.Created);
        await (await moderator.PostAsJsonAsync("/movies", new { title = $"Gleaners {tag}", year = 2000, authorId = author })).AssertStatusAsync(HttpStatusCode.Created);

        var found = await (await moderator.GetAsync($"/movies?search=Cléo {tag}")).JsonAsync();
        Assert.Equal(1, found.GetProperty("total").GetInt64());
        Assert.Equal(author, found.GetProperty("items")[0].GetProperty("authorId").GetGuid());

        var unknownAuthor = await moderator.PostAsJsonAsync("/movies", new { title = "Orphan", year = 2001, authorId = Guid.CreateVersion7() });
        var problem = await unknownAuthor.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("authorId", out _));
    }

    private static Dictionary<string, object> Valid(string resource)
    {
        var label = $"{resource.TrimStart('/')} {Guid.NewGuid():N}";
        return resource switch
        {
            "/movies" => new() { ["title"] = label, ["year"] = 1977, ["description"] = "A long time ago." },
            "/authors" => new() { ["name"] = label, ["biography"] = "Directs films." },
            _ => new() { ["title"] = label, ["seasons"] = 3, ["description"] = "Episodes." },
        };
    }

    private static Dictionary<string, object?> Invalid(string resource) => resource switch
    {
        "/movies" => new() { ["title"] = "", ["year"] = 1500 },
        "/authors" => new() { ["name"] = " ", ["biography"] = new string('b', 2001) },
        _ => new() { ["title"] = null, ["seasons"] = 0 },
    };

    private static string[] InvalidFields(string resource) => resource switch
    {
        "/movies" => ["title", "year"],
        "/authors" => ["biography", "name"],
        _ => ["seasons", "title"],
    };

    private static string LabelField(string resource) => resource == "/authors" ? "name" : "title";

    private static string Label(Dictionary<string, object> body) => (string)(body.TryGetValue("title", out var title) ? title : body["name"]);
}

public sealed class SqliteContentTests(SqliteHostFixture fixture) : ContentTests(fixture), IClassFixture<SqliteHostFixture>;

public sealed class PostgresContentTests(PostgresHostFixture fixture) : ContentTests(fixture), IClassFixture<PostgresHostFixture>;
