using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CinemaAuthHost.Tests;

/// <summary>What <see cref="TamperingProxy"/> changes on the back channel.</summary>
public enum Tampering
{
    /// <summary>Nothing: the flow through the proxy must succeed (the control).</summary>
    None,

    /// <summary>The pushed authorization request carries another nonce: the provider signs an ID token whose nonce the browser never had.</summary>
    WrongNonce,

    /// <summary>One claim of the ID token's payload is changed; the provider's signature no longer matches.</summary>
    ChangedPayload,

    /// <summary>The ID token's signature is replaced.</summary>
    BrokenSignature,
}

/// <summary>
/// A man in the middle on the host's back channel to the real provider (a tiny Kestrel app): it serves the provider's
/// discovery document with its own pushed-authorization and token endpoints and forwards both to the provider, changing
/// what <see cref="Mode"/> says. The browser and the keys (JWKS) still talk to the provider itself.
/// </summary>
public sealed class TamperingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _provider = new();

    private TamperingProxy(WebApplication app) => _app = app;

    public Tampering Mode { get; set; }

    public Uri MetadataAddress => new(new Uri(_app.Urls.Single()), "/.well-known/openid-configuration");

    public static async Task<TamperingProxy> StartAsync(string issuer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new TamperingProxy(app);
        app.MapGet("/.well-known/openid-configuration", async (HttpContext context) =>
        {
            var document = JsonNode.Parse(await proxy._provider.GetStringAsync(new Uri(issuer + "/.well-known/openid-configuration")))!;
            var self = $"{context.Request.Scheme}://{context.Request.Host}";
            document["token_endpoint"] = self + "/token";
            document["pushed_authorization_request_endpoint"] = self + "/request";
            return Results.Text(document.ToJsonString(), "application/json");
        });
        app.MapPost("/request", async (HttpContext context) =>
        {
            var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            if (proxy.Mode == Tampering.WrongNonce)
            {
                form["nonce"] = "a-nonce-this-browser-never-had";
            }

            return await proxy.ForwardAsync(issuer + "/request", form, body => body);
        });
        app.MapPost("/token", async (HttpContext context) =>
        {
            var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            return await proxy.ForwardAsync(issuer + "/token", form, body =>
            {
                var json = JsonNode.Parse(body)!;
                if (json["id_token"]?.GetValue<string>() is { } idToken && proxy.Mode is Tampering.ChangedPayload or Tampering.BrokenSignature)
                {
                    json["id_token"] = Tamper(idToken, proxy.Mode);
                }

                return json.ToJsonString();
            });
        });
        await app.StartAsync();
        return proxy;
    }

    private async Task<IResult> ForwardAsync(string url, Dictionary<string, string> form, Func<string, string> change)
    {
        using var response = await _provider.PostAsync(new Uri(url), new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        return Results.Text(response.IsSuccessStatusCode ? change(body) : body, "application/json", Encoding.UTF8, (int)response.StatusCode);
    }

    private static string Tamper(string jwt, Tampering mode)
    {
        var parts = jwt.Split('.');
        if (mode == Tampering.BrokenSignature)
        {
            parts[2] = Base64Url(Encoding.UTF8.GetBytes(new string('x', 256)));
        }
        else
        {
            var payload = JsonNode.Parse(Encoding.UTF8.GetString(FromBase64Url(parts[1]))!)!;
            payload["sub"] = "someone-else";
            parts[1] = Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        }

        return string.Join('.', parts);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    public async ValueTask DisposeAsync()
    {
        _provider.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
