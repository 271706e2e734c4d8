namespace CinemaAuthHost.External;

/// <summary>An identity at an external provider linked to a local account: one per provider and account.</summary>
public sealed class ExternalLogin
{
    public Guid Id { get; set; }

    /// <summary>The provider's configured name.</summary>
    public string Provider { get; set; } = "";

    /// <summary>The provider's stable id of the person (<c>sub</c>, or the built-in type's user id).</summary>
    public string Subject { get; set; } = "";

    /// <summary>The email the provider gave when the identity was linked.</summary>
    public string? Email { get; set; }

    public DateTimeOffset LinkedAt { get; set; }

    public Guid UserId { get; set; }
}

/// <summary>A one-time code of a finished external sign-in: only its SHA-256 is stored; single use, 60 seconds.</summary>
public sealed class ExternalSignInCode
{
    public byte[] CodeHash { get; set; } = [];

    public Guid UserId { get; set; }

    public string Provider { get; set; } = "";

    /// <summary>Unix milliseconds (comparable in SQL on SQLite and PostgreSQL alike).</summary>
    public long ExpiresAt { get; set; }
}
