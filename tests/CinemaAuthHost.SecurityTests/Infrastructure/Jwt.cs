using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace CinemaAuthHost.SecurityTests;

/// <summary>Builds compact JWS strings by hand, so a test can send exactly the header, payload and signature it wants.</summary>
public static class Jwt
{
    public static string B64(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    public static string B64(string text) => B64(Encoding.UTF8.GetBytes(text));

    public static byte[] Decode(string segment) => Base64Url.DecodeFromChars(segment);

    public static JsonObject Header(string token) => JsonNode.Parse(Decode(token.Split('.')[0]))!.AsObject();

    public static JsonObject Payload(string token) => JsonNode.Parse(Decode(token.Split('.')[1]))!.AsObject();

    public static string SigningInput(JsonObject header, JsonObject payload) =>
        $"{B64(header.ToJsonString())}.{B64(payload.ToJsonString())}";

    /// <summary>Signs <c>header.payload</c> with <paramref name="key"/> and <paramref name="algorithm"/> through IdentityModel's crypto providers.</summary>
    public static string Sign(JsonObject header, JsonObject payload, SecurityKey key, string algorithm)
    {
        var input = SigningInput(header, payload);
        var provider = key.CryptoProviderFactory.CreateForSigning(key, algorithm);
        try
        {
            return $"{input}.{B64(provider.Sign(Encoding.ASCII.GetBytes(input)))}";
        }
        finally
        {
            key.CryptoProviderFactory.ReleaseSignatureProvider(provider);
        }
    }

    public static JsonObject Clone(JsonObject value) => JsonNode.Parse(value.ToJsonString())!.AsObject();

    public static JsonObject With(this JsonObject value, string name, JsonNode? member)
    {
        var copy = Clone(value);
        copy[name] = member;
        return copy;
    }

    public static JsonObject Without(this JsonObject value, string name)
    {
        var copy = Clone(value);
        copy.Remove(name);
        return copy;
    }

    public static JsonNode? Json(object value) => JsonSerializer.SerializeToNode(value);
}
