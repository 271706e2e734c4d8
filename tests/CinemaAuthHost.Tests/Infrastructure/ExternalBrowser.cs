using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace CinemaAuthHost.Tests;

/// <summary>
/// A browser without a screen for the external sign-in flows: one cookie jar for the host and the provider, redirects
/// followed one by one, and the login and consent forms of the provider (oidc-provider's development interactions, or a
/// test's stand-in) submitted as a person would. It stops at the first redirect that <c>stop</c> picks (the return URL,
/// or the host's callback when a test wants to tamper with it) and never requests that URL.
/// </summary>
public sealed partial class ExternalBrowser : IDisposable
{
    private readonly SocketsHttpHandler _handler = new() { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
    private readonly HttpClient _client;

    public ExternalBrowser()
    {
        _client = new HttpClient(_handler);
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(CinemaHost.UserAgent);
    }

    public Task<HttpResponseMessage> GetAsync(Uri url, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return _client.SendAsync(request);
    }

    /// <summary>Follows <paramref name="response"/> through the provider as <paramref name="login"/> until a redirect to where <paramref name="stop"/> says.</summary>
    public async Task<Uri> FollowAsync(HttpResponseMessage response, string login, Func<Uri, bool> stop)
    {
        for (var step = 0; step < 20; step++)
        {
            var here = response.RequestMessage!.RequestUri!;
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                var location = new Uri(here, response.Headers.Location!);
                response.Dispose();
                if (stop(location))
                {
                    return location;
                }

                response = await _client.GetAsync(location);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} at {here}: {html}");
            var action = FormAction().Match(html);
            var prompt = PromptField().Match(html);
            Assert.True(action.Success && prompt.Success, $"No login or consent form at {here}: {html}");
            var fields = prompt.Groups[1].Value == "login"
                ? new Dictionary<string, string> { ["prompt"] = "login", ["login"] = login, ["password"] = "any password" }
                : new Dictionary<string, string> { ["prompt"] = prompt.Groups[1].Value };
            response.Dispose();
            response = await _client.PostAsync(new Uri(here, WebUtility.HtmlDecode(action.Groups[1].Value)), new FormUrlEncodedContent(fields));
        }

        Assert.Fail("The flow did not end within 20 steps.");
        return null!;
    }

    public void Dispose()
    {
        _client.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"prompt\" value=\"([a-z]+)\"")]
    private static partial Regex PromptField();
}
