using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CinemaAuthHost.Tests;

/// <summary>Requests and assertions on HTTP answers.</summary>
public static class Http
{
    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> and the stable <paramref name="code"/>.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.Equal(code, json.GetProperty("code").GetString());
        return json;
    }

    /// <summary>Asserts the 401 of an access token that was valid and has been revoked (logout, password change, deletion, ...).</summary>
    public static async Task AssertRevokedAsync(this HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("token_revoked", problem.GetProperty("reason").GetString());
    }

    /// <summary>Asserts <paramref name="status"/> and returns the JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts <paramref name="status"/> and reads the body as <typeparamref name="T"/> (web defaults: camelCase).</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>Asserts the status code alone, showing the body when it differs.</summary>
    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            Assert.Fail($"Expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object body) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) });

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body) =>
        client.SendJsonAsync(HttpMethod.Patch, url, body);

    public static Task<HttpResponseMessage> DeleteJsonAsync(this HttpClient client, string url, object body) =>
        client.SendJsonAsync(HttpMethod.Delete, url, body);

    /// <summary>Polls <paramref name="condition"/> until it holds, for at most <paramref name="within"/> (propagation, readiness).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within {within.TotalSeconds} s: {what}");
            }

            await Task.Delay(50);
        }
    }
}
