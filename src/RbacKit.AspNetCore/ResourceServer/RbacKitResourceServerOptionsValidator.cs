using Microsoft.Extensions.Options;
using RbacKit.Permissions;

namespace RbacKit.AspNetCore;

/// <summary>Checks the resource-server options at start-up; each failure says what to set.</summary>
internal sealed class RbacKitResourceServerOptionsValidator : IValidateOptions<RbacKitResourceServerOptions>
{
    public ValidateOptionsResult Validate(string? name, RbacKitResourceServerOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("RbacKit resource server: set Authority to the issuer's base URL, for example https://auth.example.com.");
        }
        else if (!SecureUrl.IsAllowed(authority))
        {
            failures.Add($"RbacKit resource server: Authority '{options.Authority}' must use https; plain http is accepted only for loopback hosts (localhost, 127.0.0.1, ::1).");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("RbacKit resource server: set Audience (the 'aud' the issuer puts in tokens for this API).");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5)
            || options.MetadataRefreshInterval < TimeSpan.FromMinutes(1) || options.UnknownKeyRefreshInterval < TimeSpan.Zero
            || options.MaxAccessTokenLifetime <= TimeSpan.Zero || options.MaxTokenSize is < 1024 or > 65536)
        {
            failures.Add("RbacKit resource server: ClockSkew must be 0 to 5 minutes, MetadataRefreshInterval at least 1 minute, UnknownKeyRefreshInterval not negative, MaxAccessTokenLifetime positive and MaxTokenSize 1024 to 65536.");
        }

        var introspection = options.Introspection;
        if (introspection.Enabled)
        {
            if (string.IsNullOrEmpty(introspection.ClientSecret))
            {
                failures.Add("RbacKit resource server: Introspection.ClientSecret is required with Introspection.ClientId.");
            }

            if (introspection.Endpoint is { Length: > 0 } endpoint && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var endpointUri) || !SecureUrl.IsAllowed(endpointUri)))
            {
                failures.Add($"RbacKit resource server: Introspection.Endpoint '{endpoint}' must be an absolute https URL (http only for loopback hosts).");
            }

            if (introspection.CacheDuration < TimeSpan.Zero || introspection.CacheDuration > TimeSpan.FromMinutes(5) || introspection.MaxCacheEntries < 0)
            {
                failures.Add("RbacKit resource server: Introspection.CacheDuration must be 0 to 5 minutes and Introspection.MaxCacheEntries not negative.");
            }
        }

        foreach (var permission in options.Permissions.Build().Where(p => !PermissionName.IsValidName(p.Name)))
        {
            failures.Add($"RbacKit resource server: permission '{permission.Name}' is not a valid name; use lower-case 'resource:action'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
