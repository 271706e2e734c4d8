using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

public abstract partial class StoreSpecificationTests
{
    [Fact]
    public async Task A_duplicate_email_skeleton_is_refused_by_the_store_on_create_and_update()
    {
        var fresh = NewUser(UniqueEmail("admin"));
        var admin = fresh with { EmailSkeleton = Normalizer.EmailSkeleton(fresh.Email) };
        Assert.Equal(StoreResult.Success, await Use<IUserStore, StoreResult>(s => s.CreateAsync(admin, [], default)));

        var cyrillic = NewUser("\u0430" + admin.Email[1..]);
        cyrillic = cyrillic with { EmailSkeleton = Normalizer.EmailSkeleton(cyrillic.Email) };
        Assert.Equal(admin.EmailSkeleton, cyrillic.EmailSkeleton);
        Assert.Equal(StoreResult.Duplicate, await Use<IUserStore, StoreResult>(s => s.CreateAsync(cyrillic, [], default)));

        var other = NewUser();
        other = other with { EmailSkeleton = Normalizer.EmailSkeleton(other.Email) };
        Assert.Equal(StoreResult.Success, await Use<IUserStore, StoreResult>(s => s.CreateAsync(other, [], default)));
        var lookalike = other with
        {
            Email = cyrillic.Email,
            NormalizedEmail = cyrillic.NormalizedEmail,
            EmailSkeleton = cyrillic.EmailSkeleton,
            ConcurrencyStamp = IdGenerator.NewId(Time),
        };
        Assert.Equal(StoreResult.Duplicate, await Use<IUserStore, StoreResult>(s => s.UpdateAsync(lookalike, other.ConcurrencyStamp, default)));
    }

    [Fact]
    public async Task Accounts_without_a_skeleton_are_listed_by_id_and_filled_once()
    {
        var first = await CreateUserAsync();
        var second = await CreateUserAsync();
        var all = await Use<IUserStore, IReadOnlyList<User>>(s => s.ListWithoutEmailSkeletonAsync(null, 1000, default));
        // Ordered by id in the store's own order (ids of one millisecond differ in their random bits): a cursor continues it.
        var mine = all.Where(u => u.Id == first.Id || u.Id == second.Id).Select(u => u.Id).ToList();
        Assert.Equal(2, mine.Count);
        var afterFirst = await Use<IUserStore, IReadOnlyList<User>>(s => s.ListWithoutEmailSkeletonAsync(mine[0], 1000, default));
        Assert.DoesNotContain(afterFirst, u => u.Id == mine[0]);
        Assert.Contains(afterFirst, u => u.Id == mine[1]);

        var skeleton = Normalizer.EmailSkeleton(first.Email);
        Assert.Equal(StoreResult.Success, await Use<IUserStore, StoreResult>(s => s.SetEmailKeysAsync(first.Id, first.NormalizedEmail, skeleton, default)));
        Assert.Equal(skeleton, (await FindUserAsync(first.Id))!.EmailSkeleton);
        Assert.Equal(StoreResult.NotFound, await Use<IUserStore, StoreResult>(s => s.SetEmailKeysAsync(first.Id, first.NormalizedEmail, skeleton, default)));
        Assert.Equal(StoreResult.Duplicate, await Use<IUserStore, StoreResult>(s => s.SetEmailKeysAsync(second.Id, second.NormalizedEmail, skeleton, default)));
        Assert.Null((await FindUserAsync(second.Id))!.EmailSkeleton);
    }
}
