using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RbacKit.EntityFramework;

/// <summary>Stores a <see cref="DateTimeOffset"/> as Unix milliseconds (UTC), so any provider can compare and order it.</summary>
internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));
