using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RbacKit.Keys;

namespace RbacKit.Tokens;

/// <summary>
/// Issues RFC 9068 style access tokens (<c>typ: at+jwt</c>) signed by the current key of the ring: the payload is written
/// with <see cref="Utf8JsonWriter"/> and signed with the key's raw material (<see cref="TokenSigner"/>, one per key).
/// </summary>
internal sealed class AccessTokenIssuer(IKeyRing keyRing, IOptions<RbacKitOptions> options, TimeProvider time) : IAccessTokenIssuer
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly RbacKitOptions _options = options.Value;
    private readonly ConditionalWeakTable<RingKey, TokenSigner> _signers = new();

    public Task<IssuedAccessToken> IssueAsync(AccessTokenSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return IssueAsync(subject, null, cancellationToken);
    }

    public Task<IssuedAccessToken> IssueForClientAsync(ClientTokenSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentException.ThrowIfNullOrEmpty(subject.ClientId);
        return IssueAsync(null, subject, cancellationToken);
    }

    private async Task<IssuedAccessToken> IssueAsync(AccessTokenSubject? user, ClientTokenSubject? client, CancellationToken cancellationToken)
    {
        var key = await keyRing.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var signer = _signers.GetValue(key, static k => TokenSigner.Create(k)
            ?? throw new NotSupportedException($"RbacKit cannot sign with the {k.Algorithm} key '{k.KeyId}' ({k.Key.GetType().Name})."));
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var expires = now + (long)_options.Tokens.AccessTokenLifetime.TotalSeconds;
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        var tokenId = Base64Url.EncodeToString(random);

        var payload = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(payload, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("iss"u8, _options.Issuer);
            writer.WriteString("aud"u8, _options.Audience);
            if (user is not null)
            {
                writer.WriteString("sub"u8, user.UserId);
                writer.WriteString("sid"u8, user.SessionId);
                writer.WriteString("client_id"u8, _options.Tokens.FirstPartyClientId);
                writer.WriteString("jti"u8, tokenId);
                writer.WriteNumber("ver"u8, user.AuthorizationVersion);
                WriteStrings(writer, "roles"u8, user.Roles);
                WriteStrings(writer, "perms"u8, user.Permissions);
            }
            else
            {
                // RFC 9068, section 2.2: a client acting for itself is the subject; there is no session and no role.
                writer.WriteString("sub"u8, client!.ClientId);
                writer.WriteString("client_id"u8, client.ClientId);
                writer.WriteString("jti"u8, tokenId);
                writer.WriteNumber("ver"u8, client.SecretVersion);
                WriteStrings(writer, "perms"u8, client.Permissions);
            }

            writer.WriteNumber("iat"u8, now);
            writer.WriteNumber("nbf"u8, now);
            writer.WriteNumber("exp"u8, expires);
            writer.WriteEndObject();
        }

        return new IssuedAccessToken(signer.Sign(payload.WrittenSpan), tokenId, DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    private static void WriteStrings(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
        {
            writer.WriteStringValue(values[i]);
        }

        writer.WriteEndArray();
    }
}
