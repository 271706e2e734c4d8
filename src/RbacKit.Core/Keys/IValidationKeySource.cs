using Microsoft.IdentityModel.Tokens;

namespace RbacKit.Keys;

/// <summary>Where a validator finds public (or shared) keys by <c>kid</c>: the local key ring, or a remote JWKS.</summary>
public interface IValidationKeySource
{
    /// <summary>The key with id <paramref name="keyId"/> and its algorithm, if known and not expired.</summary>
    bool TryGetKey(string keyId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SecurityKey? key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? algorithm);

    /// <summary>Reloads keys after an unknown <c>kid</c>; rate-limited, returns whether anything was reloaded.</summary>
    ValueTask<bool> RefreshForUnknownKeyAsync(CancellationToken cancellationToken);
}
