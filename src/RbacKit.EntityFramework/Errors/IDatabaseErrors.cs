namespace RbacKit.EntityFramework;

/// <summary>
/// Recognizes what a provider's exception means, through EF Core's wrappers (<c>DbUpdateException</c>,
/// <c>InvalidOperationException</c> of the retry strategy) down to the provider's own exception. One implementation per
/// provider: <see cref="DatabaseErrors.PostgreSql"/> and <see cref="DatabaseErrors.Sqlite"/>; <see cref="DatabaseErrors.For"/>
/// picks the one of a context, and <c>AddEntityFrameworkStores</c> registers that one (scoped) for a host's own error
/// handling, e.g. answering 503 instead of 500 while the database is down.
/// </summary>
public interface IDatabaseErrors
{
    /// <summary>The kind of <paramref name="exception"/> (or of the first inner exception the provider raised).</summary>
    DatabaseErrorKind Classify(Exception exception);

    /// <summary>
    /// A stable, secret-free label of the failure for logs: the SQLSTATE, the SQLite code or the exception type, never the
    /// message (which may carry a connection string or a value).
    /// </summary>
    string Describe(Exception exception);
}
