using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RbacKit.Accounts;

namespace RbacKit.AspNetCore;

/// <summary>A registration being handled: the standard fields and every other field of the JSON body.</summary>
public sealed class RbacKitRegistrationContext
{
    internal RbacKitRegistrationContext(HttpContext httpContext, RegisterRequest request, IReadOnlyDictionary<string, JsonElement> additionalFields)
    {
        HttpContext = httpContext;
        Request = request;
        AdditionalFields = additionalFields;
    }

    /// <summary>The HTTP request.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The standard registration fields.</summary>
    public RegisterRequest Request { get; }

    /// <summary>The body's other top-level fields by name (never bound to roles, ids or flags by RbacKit).</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; }
}
