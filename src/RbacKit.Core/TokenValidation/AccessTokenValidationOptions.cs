
namespace RbacKit.TokenValidation;

/// <summary>What the access-token validator checks. Filled from <see cref="RbacKitOptions"/> by default; a resource server fills it from discovery.</summary>
public sealed class AccessTokenValidationOptions
{
    /// <summary>The expected <c>iss</c>.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The expected <c>aud</c>.</summary>
    public string Audience { get; set; } = "";

    /// <summary>Clock skew, size limit and cache size.</summary>
    public TokenOptions Tokens { get; set; } = new();
}
