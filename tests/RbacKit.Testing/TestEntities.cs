using RbacKit.Domain;

namespace RbacKit.Testing;

/// <summary>Entities as the Core services would store them, for store tests that fill a table without the services.</summary>
public static class TestEntities
{
    /// <summary>A BCrypt hash of work factor 4 (never checked by a store).</summary>
    public const string PasswordHash = "$2a$04$abcdefghijklmnopqrstuuY7yZ0bq7cJ2S7Uq1c3E1o2K4m6P8r0a";

    /// <summary>An active user "Ada Lovelace" with <paramref name="email"/> and its lookup key, created now.</summary>
    public static User User(string email, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return new User
        {
            Id = IdGenerator.NewId(time),
            Email = email,
            NormalizedEmail = Normalizer.NormalizeKey(email),
            FirstName = "Ada",
            LastName = "Lovelace",
            PasswordHash = PasswordHash,
            ConcurrencyStamp = IdGenerator.NewId(time),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
