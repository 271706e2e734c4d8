using System.Text.Json;

namespace CinemaAuthHost.Tests;

/// <summary>The <c>kid</c> of a token and the kids a host publishes.</summary>
public static class TokenKeys
{
    public static string Of(string jwt)
    {
        var segment = jwt.Split('.')[0];
        var json = Convert.FromBase64String(segment.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (segment.Length % 4)) % 4));
        return JsonDocument.Parse(json).RootElement.GetProperty("kid").GetString()!;
    }

    public static async Task<List<string>> PublishedAsync(CinemaHost host)
    {
        using var client = host.CreateClient();
        var jwks = await (await client.GetAsync("/.well-known/jwks.json")).JsonAsync();
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}
