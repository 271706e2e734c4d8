using System.Text.Json;

namespace RbacKit.AspNetCore;

/// <summary>
/// The JSON contract of RbacKit's endpoints, independent of the host's settings: camelCase, case-insensitive reading,
/// unknown members ignored, duplicate members refused.
/// </summary>
internal static class RbacKitJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        AllowDuplicateProperties = false,
        MaxDepth = 16,
    };
}
