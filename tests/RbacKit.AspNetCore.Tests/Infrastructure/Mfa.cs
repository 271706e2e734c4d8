using System.Net;
using System.Net.Http.Json;
using OtpNet;

namespace RbacKit.AspNetCore.Tests;

/// <summary>Enrols TOTP through the API, computing codes like an authenticator app.</summary>
public static class Mfa
{
    public static async Task<(string Secret, string Uri, string Svg)> SetupAsync(HttpClient client)
    {
        var setup = await (await client.PostAsync("/me/mfa/totp/setup", null)).JsonAsync();
        return (setup.GetProperty("secret").GetString()!, setup.GetProperty("otpauthUri").GetString()!, setup.GetProperty("qrCodeSvg").GetString()!);
    }

    public static string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow);

    public static async Task<string[]> EnableAsync(HttpClient client)
    {
        var (secret, _, _) = await SetupAsync(client);
        var confirm = await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = Code(secret) });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var codes = (await confirm.JsonAsync()).GetProperty("recoveryCodes");
        return [.. codes.EnumerateArray().Select(c => c.GetString()!)];
    }
}
