using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CinemaAuthHost.Tests;

/// <summary>An OAuth client as <c>POST /clients</c> returns it.</summary>
public sealed record CreatedClient(Guid Id, string ClientId, string ClientSecret, string Name, string[] Permissions);

/// <summary>OAuth clients and the form-encoded protocol endpoints, as a service would call them.</summary>
public static class OAuthClients
{
    public static async Task<CreatedClient> CreateClientAsync(this CinemaHost host, params string[] permissions)
    {
        using var superadmin = await host.ClientAsync(Accounts.Superadmin);
        var response = await superadmin.PostAsJsonAsync("/clients", new { name = $"svc-{Guid.NewGuid():N}"[..20], permissions });
        return await response.ReadAsync<CreatedClient>(HttpStatusCode.Created);
    }

    /// <summary>POSTs a form; with <paramref name="basic"/> the client authenticates with HTTP Basic (RFC 6749, section 2.3.1).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this CinemaHost host, string path, IEnumerable<KeyValuePair<string, string>> form, (string Id, string Secret)? basic = null)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (basic is { } credentials)
        {
            var pair = Uri.EscapeDataString(credentials.Id) + ":" + Uri.EscapeDataString(credentials.Secret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> ClientCredentialsAsync(this CinemaHost host, CreatedClient client, string? scope = null, bool basic = true, string? secret = null)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (scope is not null)
        {
            form.Add(new("scope", scope));
        }

        if (!basic)
        {
            form.Add(new("client_id", client.ClientId));
            form.Add(new("client_secret", secret ?? client.ClientSecret));
        }

        return host.PostFormAsync("/oauth/token", form, basic ? (client.ClientId, secret ?? client.ClientSecret) : null);
    }

    public static async Task<string> ClientTokenAsync(this CinemaHost host, CreatedClient client, string? scope = null) =>
        (await (await host.ClientCredentialsAsync(client, scope)).JsonAsync()).GetProperty("access_token").GetString()!;

    /// <summary>Asserts an RFC 6749 (section 5.2) error: status, <c>error</c>, a description, never cached.</summary>
    public static async Task<JsonElement> AssertOAuthErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {error}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(error, json.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error_description").GetString()));
        return json;
    }

    /// <summary>The claims of a JWT (not verified: the host did that).</summary>
    public static JsonElement Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload += new string('=', (4 - (payload.Length % 4)) % 4);
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.Clone();
    }
}
