using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RbacKit.Stores;

namespace RbacKit.EntityFramework.Tests;

/// <summary>
/// User search on PostgreSQL when most rows share trigrams (issue 16): the trigram index is asked only for the term's
/// rare run (sampled from the table), and the whole term still decides what matches.
/// </summary>
public sealed class PostgresSearchTests : IAsyncLifetime
{
    private readonly CommandCapture _capture = new();
    private TestDbContext _context = null!;

    public async Task InitializeAsync()
    {
        (_context, _) = await TestDatabases.CreateContextAsync(Provider.Postgres, nameof(PostgresSearchTests), _capture);
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_term_whose_trigrams_most_rows_share_finds_its_one_match_and_asks_the_index_for_its_rare_part()
    {
        var time = TimeProvider.System;
        var store = new EfUserStore<TestDbContext>(_context, time);
        for (var i = 0; i < 300; i++)
        {
            var email = $"sharedprefix{i:0000}@same.example";
            var user = RbacKit.Testing.TestEntities.User(email, time);
            Assert.Equal(StoreResult.Success, await store.CreateAsync(user, [], default));
        }

        await _context.Database.ExecuteSqlRawAsync("ANALYZE \"rbac_users\"");
        _capture.Commands.Clear();

        var page = await store.SearchAsync("SharedPrefix0123", PageRequest.First("users", 20), default);
        Assert.Equal("sharedprefix0123@same.example", Assert.Single(page.Items).Email);
        Assert.Equal(1, page.Total);
        // Every row shares "sharedprefix0" (and 1 in 3 "x01"): the email index is asked for "0123" alone.
        var search = Assert.Single(_capture.Commands, c => c.Text.Contains("strpos", StringComparison.Ordinal));
        Assert.Contains("%0123%", search.Parameters);

        // A term of common trigrams only matches as a whole, however many rows share its parts.
        Assert.Empty((await store.SearchAsync("prefix0123@other", PageRequest.First("users", 20), default)).Items);
        Assert.Equal(100, (await store.SearchAsync("sharedprefix01", PageRequest.First("users", 100), default)).Items.Count);
        Assert.Equal(300, (await store.SearchAsync("same.example", PageRequest.First("users", 20), default)).Total);
    }

    /// <summary>Records each command's text and string parameters.</summary>
    private sealed class CommandCapture : DbCommandInterceptor
    {
        public List<(string Text, List<string> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => p.Value as string).OfType<string>()]));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

/// <summary>Which part of a search term the trigram index is asked for (<see cref="UserSearch.Pattern"/>).</summary>
public sealed class UserSearchPatternTests
{
    [Theory]
    [InlineData("SCALE0424200", "%0424200%")]
    [InlineData("424200@scale", "%424200%")]
    [InlineData("scale0424200@scale.example", "%0424200%")]
    [InlineData("lovelace", "%lovelace%")]
    [InlineData("sca", "%sca%")]
    [InlineData("a_b%c", @"%a\_b\%c%")]
    public void The_index_is_asked_for_the_longest_run_of_rare_trigrams(string term, string pattern)
    {
        var common = new HashSet<string>(["sca", "cal", "ale", "le0", "e04", "exa", "xam", "amp", "mpl", "ple"], StringComparer.Ordinal);
        Assert.Equal(pattern, UserSearch.Pattern(term, common));
    }
}
