using System.Security.Claims;

namespace CinemaAuthHost.External;

/// <summary>What a provider said about the person, read from the ticket's claims (ID token, userinfo, or a built-in type's API).</summary>
internal sealed record ExternalIdentity(string Subject, string? Email, bool EmailVerified, string? FirstName, string? LastName)
{
    public const string EmailVerifiedClaim = "email_verified";

    public static ExternalIdentity? From(ClaimsPrincipal? principal)
    {
        var subject = principal?.FindFirst("sub")?.Value ?? principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (principal is null || string.IsNullOrEmpty(subject) || subject.Length > 256)
        {
            return null;
        }

        var email = principal.FindFirst("email")?.Value ?? principal.FindFirst(ClaimTypes.Email)?.Value;
        var verified = string.Equals(principal.FindFirst(EmailVerifiedClaim)?.Value, "true", StringComparison.OrdinalIgnoreCase);
        return new ExternalIdentity(subject, string.IsNullOrWhiteSpace(email) ? null : email.Trim(), verified,
            principal.FindFirst("given_name")?.Value, principal.FindFirst("family_name")?.Value);
    }
}
