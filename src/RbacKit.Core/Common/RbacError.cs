namespace RbacKit;

/// <summary>A failure with a stable, greppable <see cref="Code"/> (see <see cref="RbacErrorCodes"/>).</summary>
/// <param name="Kind">The class of failure.</param>
/// <param name="Code">A stable machine-readable code, for example <c>invalid_credentials</c>.</param>
/// <param name="Message">A human-readable explanation that never contains secrets.</param>
/// <param name="Errors">Per-field validation messages, when <paramref name="Kind"/> is <see cref="RbacErrorKind.Validation"/>.</param>
public sealed record RbacError(
    RbacErrorKind Kind,
    string Code,
    string Message,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>
    /// For <see cref="RbacErrorKind.TooManyRequests"/>: how long until the caller may try again (for example the rest
    /// of an account lockout), advertised as <c>Retry-After</c>; null when unknown.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>A validation failure on one field.</summary>
    public static RbacError Validation(string field, string message) =>
        new(RbacErrorKind.Validation, RbacErrorCodes.ValidationFailed, message,
            new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    /// <summary>A validation failure on several fields.</summary>
    public static RbacError Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(RbacErrorKind.Validation, RbacErrorCodes.ValidationFailed, "One or more fields are invalid.", errors);

    /// <summary>The target was not found.</summary>
    public static RbacError NotFound(string what) =>
        new(RbacErrorKind.NotFound, RbacErrorCodes.NotFound, $"The {what} was not found.");

    /// <summary>The caller may not do this.</summary>
    public static RbacError Forbidden(string message) =>
        new(RbacErrorKind.Forbidden, RbacErrorCodes.Forbidden, message);
}
