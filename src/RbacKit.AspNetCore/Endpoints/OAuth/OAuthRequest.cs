using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace RbacKit.AspNetCore;

/// <summary>
/// A form-encoded OAuth request (RFC 6749, section 3.2): its parameters (each at most once) and the client credentials
/// of <c>client_secret_basic</c> (the <c>Authorization: Basic</c> header, form-urlencoded id and secret) or
/// <c>client_secret_post</c> (<c>client_id</c> and <c>client_secret</c> in the body), never both.
/// </summary>
internal sealed class OAuthRequest
{
    private readonly IFormCollection _form;

    private OAuthRequest(IFormCollection form) => _form = form;

    public string? ClientId { get; private set; }

    public string? ClientSecret { get; private set; }

    /// <summary>Whether the client sent credentials at all.</summary>
    public bool HasCredentials => ClientId is not null;

    public string? this[string name] => _form.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>The parsed request, or the RFC 6749 error to answer.</summary>
    public static async Task<(OAuthRequest? Request, IResult? Error)> ReadAsync(HttpContext context, int limit)
    {
        var request = context.Request;
        if (!request.HasFormContentType || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, OAuthResults.Error(context, RbacErrorCodes.InvalidRequest, "The body must be application/x-www-form-urlencoded."));
        }

        if (request.ContentLength > limit)
        {
            return (null, OAuthResults.Error(context, RbacErrorCodes.InvalidRequest, $"The body is larger than {limit} bytes."));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { ValueCountLimit = 16, KeyLengthLimit = 64, ValueLengthLimit = limit, BufferBody = false }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, OAuthResults.Error(context, RbacErrorCodes.InvalidRequest, "The form body could not be read."));
        }

        if (form.Any(p => p.Value.Count > 1))
        {
            return (null, OAuthResults.Error(context, RbacErrorCodes.InvalidRequest, "A parameter was given more than once."));
        }

        var parsed = new OAuthRequest(form);
        var header = request.Headers.Authorization.ToString();
        var posted = parsed["client_id"] is not null || parsed["client_secret"] is not null;
        if (header.Length > 0)
        {
            if (posted)
            {
                return (null, OAuthResults.Error(context, RbacErrorCodes.InvalidRequest, "Use one client authentication method, not both."));
            }

            if (!TryReadBasic(header, out var id, out var secret))
            {
                return (null, OAuthResults.InvalidClient(context, "The Authorization header is not valid HTTP Basic client authentication."));
            }

            parsed.ClientId = id;
            parsed.ClientSecret = secret;
        }
        else if (posted)
        {
            parsed.ClientId = parsed["client_id"] ?? "";
            parsed.ClientSecret = parsed["client_secret"] ?? "";
        }

        return (parsed, null);
    }

    private static bool TryReadBasic(string header, out string id, out string secret)
    {
        id = secret = "";
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 1024)
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            // RFC 6749, section 2.3.1: both are form-urlencoded before joining.
            id = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
            secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
