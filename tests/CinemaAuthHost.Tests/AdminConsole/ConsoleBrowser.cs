using System.Net;
using System.Text.RegularExpressions;

namespace CinemaAuthHost.Tests;

/// <summary>
/// A browser without JavaScript for the server-rendered pages: a cookie jar, GET, and form posts that carry the
/// antiforgery token of the last page read (as a real form would), or deliberately none.
/// </summary>
public sealed partial class ConsoleBrowser : IDisposable
{
    public const string AntiforgeryField = "__csrf";

    private readonly HttpClient _client;

    public ConsoleBrowser(CinemaHost host)
    {
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = host.BaseAddress,
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(CinemaHost.UserAgent);
    }

    /// <summary>The antiforgery token of the last HTML page read.</summary>
    public string? Token { get; private set; }

    /// <summary>A page: status and HTML; a redirect is followed once (Post/Redirect/Get), as a browser does.</summary>
    public async Task<Page> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return await ReadAsync(response, follow: true);
    }

    /// <summary>Posts a form with the antiforgery token of the last page (unless <paramref name="withToken"/> is false); follows one redirect.</summary>
    public async Task<Page> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var values = fields.ToList();
        if (withToken)
        {
            values.Add(new(AntiforgeryField, Token ?? throw new InvalidOperationException("Read a page with a form first.")));
        }

        using var response = await _client.PostAsync(path, new FormUrlEncodedContent(values));
        return await ReadAsync(response, follow: true);
    }

    public Task<Page> PostAsync(string path, params (string Name, string Value)[] fields) =>
        PostAsync(path, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>Signs in on <c>/account/login</c> with email and password.</summary>
    public async Task<Page> SignInAsync(string email, string password = Accounts.DemoPassword)
    {
        var login = await GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, login.Status);
        var page = await PostAsync("/account/login", ("Email", email), ("Password", password));
        Assert.True(page.Status == HttpStatusCode.OK && !page.Path.StartsWith("/account/login", StringComparison.Ordinal),
            $"Signing in as {email} ended at {page.Path} with {(int)page.Status}.");
        return page;
    }

    public void Dispose() => _client.Dispose();

    private async Task<Page> ReadAsync(HttpResponseMessage response, bool follow)
    {
        if (follow && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found && response.Headers.Location is { } location)
        {
            using var next = await _client.GetAsync(location);
            return await ReadAsync(next, follow: false);
        }

        var html = await response.Content.ReadAsStringAsync();
        if (TokenField().Match(html) is { Success: true } match)
        {
            Token = WebUtility.HtmlDecode(match.Groups[1].Value);
        }

        return new Page(response.StatusCode, response.RequestMessage?.RequestUri?.PathAndQuery ?? "", html,
            response.Headers.CacheControl?.ToString(), response.Headers.Location?.ToString());
    }

    [GeneratedRegex("name=\"__csrf\"[^>]*value=\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex TokenField();
}

/// <summary>A page as read: status, the path it came from, its HTML and headers worth asserting.</summary>
public sealed partial record Page(HttpStatusCode Status, string Path, string Html, string? CacheControl, string? Location)
{
    /// <summary>The text of the page without tags, whitespace collapsed and entities decoded, for "does it say ..." checks.</summary>
    public string Text => WebUtility.HtmlDecode(Spaces().Replace(Tags().Replace(Html, " "), " "));

    /// <summary>Whether the page has a form posting to a handler (<c>?handler=Name</c>).</summary>
    public bool HasHandler(string handler) => Html.Contains($"handler={handler}", StringComparison.Ordinal);

    [GeneratedRegex("<[^>]+>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
