using RbacKit.Domain;
using RbacKit.Permissions;

namespace RbacKit.Core.Tests;

public class PermissionCatalogTests
{
    private static readonly PermissionCatalog Catalog = new(
        new[] { "movies:read", "movies:write", "series:read", "users:read" }.Select(n => new PermissionDefinition { Name = n }));

    [Fact]
    public void Names_are_interned_to_dense_ids()
    {
        var ids = Catalog.Definitions.Select(d => Catalog.GetId(d.Name).Value).Order().ToArray();
        Assert.Equal([0, 1, 2, 3], ids);
        Assert.Equal("movies:write", Catalog.GetName(Catalog.GetId("movies:write")));
    }

    [Fact]
    public void Unknown_name_throws_with_a_message_that_says_how_to_declare_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Catalog.GetId("movies:delete"));
        Assert.Contains("options.Permissions.Add(\"movies:delete\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*", new[] { "movies:read", "movies:write", "series:read", "users:read" })]
    [InlineData("movies:*", new[] { "movies:read", "movies:write" })]
    [InlineData("series:read", new[] { "series:read" })]
    public void Wildcards_expand_to_the_matching_permissions(string pattern, string[] expected)
    {
        Assert.True(Catalog.TryExpand(pattern, out var set));
        Assert.Equal(expected, Catalog.GetNames(set));
    }

    [Theory]
    [InlineData("movie:*")]
    [InlineData("movies:delete")]
    [InlineData("mov*")]
    [InlineData("")]
    public void Patterns_that_match_nothing_are_reported(string pattern) => Assert.False(Catalog.TryExpand(pattern, out _));

    [Fact]
    public void Resource_wildcard_does_not_cross_resource_prefixes()
    {
        Assert.False(PermissionName.Matches("movie:*", "movies:read"));
        Assert.True(PermissionName.Matches("movies:*", "movies:read"));
        Assert.True(PermissionName.Matches("*", "anything:at-all"));
    }

    [Theory]
    [InlineData("movies:read", true)]
    [InlineData("Movies:read", false)]
    [InlineData("movies", false)]
    [InlineData("movies:read:extra", false)]
    [InlineData(":read", false)]
    [InlineData("movies:*", false)]
    public void Names_must_be_lower_case_resource_action(string name, bool valid) => Assert.Equal(valid, PermissionName.IsValidName(name));

    [Fact]
    public void Declaring_a_name_twice_fails()
    {
        var definitions = new[] { new PermissionDefinition { Name = "a:b" }, new PermissionDefinition { Name = "a:b" } };
        Assert.Throws<ArgumentException>(() => new PermissionCatalog(definitions));
    }

    [Fact]
    public void Bitset_checks_and_subsets()
    {
        var set = Catalog.Expand(["movies:*"]);
        Assert.True(set.Contains(Catalog.GetId("movies:write")));
        Assert.False(set.Contains(Catalog.GetId("users:read")));
        Assert.False(set.Contains(new PermissionId(5000)));
        Assert.True(set.ContainsAll([Catalog.GetId("movies:read"), Catalog.GetId("movies:write")]));
        Assert.False(set.ContainsAll([Catalog.GetId("movies:read"), Catalog.GetId("users:read")]));
        Assert.True(set.ContainsAny([Catalog.GetId("users:read"), Catalog.GetId("movies:read")]));
        Assert.True(set.IsSubsetOf(Catalog.All));
        Assert.False(Catalog.All.IsSubsetOf(set));
        Assert.True(PermissionSet.Empty.IsSubsetOf(set));
    }

    [Fact]
    public void Large_catalogs_span_several_words()
    {
        var catalog = new PermissionCatalog(Enumerable.Range(0, 300).Select(i => new PermissionDefinition { Name = $"r{i / 10}:a{i}" }));
        var set = catalog.Expand(["r29:*", "r0:a3"]);
        Assert.Equal(11, set.Ids.Count());
        Assert.True(set.Contains(catalog.GetId("r29:a299")));
        Assert.False(set.Contains(catalog.GetId("r28:a289")));
    }

    [Fact]
    public void Warm_check_allocates_nothing()
    {
        var set = Catalog.Expand(["*"]);
        var id = Catalog.GetId("series:read");
        var hits = 0;
        hits += set.Contains(id) ? 1 : 0; // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            hits += set.Contains(id) ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1001, hits);
    }
}
