using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>
/// Decides, after the signature and claims of a token were validated, whether its session and user may still act and
/// with which permissions: from the live state on the issuer, from the token's <c>perms</c> on a resource server.
/// </summary>
internal interface IAccessTokenAuthorizer
{
    ValueTask<TokenAuthorization> AuthorizeAsync(ValidatedAccessToken token, CancellationToken cancellationToken);
}
