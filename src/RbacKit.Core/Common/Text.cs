namespace RbacKit;

/// <summary>Small string helpers.</summary>
internal static class Text
{
    public static string? Truncate(string? value, int length) =>
        value is null ? null : value.Length <= length ? value : value[..length];
}
