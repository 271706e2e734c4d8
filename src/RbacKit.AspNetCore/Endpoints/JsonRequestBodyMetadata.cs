namespace RbacKit.AspNetCore;

/// <summary>Endpoint metadata: the endpoint reads a JSON body of <paramref name="RequestType"/> itself (documented by the OpenAPI transformer).</summary>
/// <param name="RequestType">The body type.</param>
/// <param name="Required">Whether a body must be sent.</param>
internal sealed record JsonRequestBodyMetadata(Type RequestType, bool Required = true);
