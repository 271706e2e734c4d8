
namespace RbacKit.Tokens;

/// <summary>Claim and header names of RbacKit access tokens.</summary>
public static class AccessTokenClaims
{
    /// <summary>The <c>typ</c> header of access tokens (RFC 9068).</summary>
    public const string TokenType = "at+jwt";
    /// <summary>Session id.</summary>
    public const string SessionId = "sid";
    /// <summary>Role names, a JSON array.</summary>
    public const string Roles = "roles";
    /// <summary>Granted permission names and wildcards, a JSON array.</summary>
    public const string Permissions = "perms";
    /// <summary>The OAuth client the token was issued to (RFC 9068); for a client's own token also its <c>sub</c>.</summary>
    public const string ClientId = "client_id";
    /// <summary>Authorization version of the user.</summary>
    public const string Version = "ver";
}
