namespace RbacKit.EntityFramework;

/// <summary>What a database failure means for the operation that met it.</summary>
public enum DatabaseErrorKind
{
    /// <summary>None of the kinds below: a bug, another constraint, a misconfiguration. Not retryable as such.</summary>
    Other,

    /// <summary>A unique or primary-key constraint refused the write: the value is taken.</summary>
    UniqueViolation,

    /// <summary>The server cannot be reached or the connection broke: an outage; pooled connections are suspect.</summary>
    Unreachable,

    /// <summary>The server is there but cannot serve this now (saturated, timed out, lock or serialization conflict): retry later.</summary>
    Busy,
}
