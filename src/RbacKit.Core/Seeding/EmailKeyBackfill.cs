using Microsoft.Extensions.Logging;
using RbacKit.Stores;

namespace RbacKit.Seeding;

/// <summary>
/// Gives accounts stored before <see cref="Domain.User.EmailSkeleton"/> existed their skeleton, and re-normalizes their
/// email key (stored by a runtime that could not normalize, the key may be un-normalized). A database migration cannot
/// do it: the skeleton needs NFKC and Unicode's confusables table. Oldest accounts first (by id, a UUIDv7, so by creation
/// time to the millisecond), so when two stored accounts look alike the older one keeps the skeleton (and with it the
/// protection of its look-alikes); the younger one keeps working without one and is logged for an operator to review.
/// </summary>
internal sealed class EmailKeyBackfill(IUserStore users, ILogger logger)
{
    private const int BatchSize = 500;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var filled = 0;
        Guid? after = null;
        while (true)
        {
            var batch = await users.ListWithoutEmailSkeletonAsync(after, BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var user in batch)
            {
                var skeleton = Normalizer.EmailSkeleton(user.Email);
                var key = Normalizer.NormalizeKey(user.Email);
                var result = await users.SetEmailKeysAsync(user.Id, key, skeleton, cancellationToken).ConfigureAwait(false);
                if (result == StoreResult.Duplicate && !string.Equals(key, user.NormalizedEmail, StringComparison.Ordinal))
                {
                    // The normalized key belongs to another account: keep the old key, still protect the skeleton.
                    result = await users.SetEmailKeysAsync(user.Id, user.NormalizedEmail, skeleton, cancellationToken).ConfigureAwait(false);
                }

                if (result == StoreResult.Success)
                {
                    filled++;
                }
                else if (result == StoreResult.Duplicate)
                {
                    CoreLog.LookAlikeEmail(logger, user.Id);
                }
            }

            if (batch.Count < BatchSize)
            {
                break;
            }

            after = batch[^1].Id;
        }

        if (filled > 0)
        {
            CoreLog.EmailSkeletonsFilled(logger, filled);
        }

        return filled;
    }
}
