using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

internal sealed class EfPermissionDefinitionStore<TContext>(TContext context) : IPermissionDefinitionStore where TContext : DbContext
{
    public async Task<IReadOnlyList<PermissionDefinition>> ListAsync(CancellationToken cancellationToken) =>
        await context.Set<PermissionDefinition>().AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken).ConfigureAwait(false);

    public async Task UpsertAsync(IReadOnlyCollection<PermissionDefinition> definitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var set = context.Set<PermissionDefinition>();
        foreach (var definition in definitions)
        {
            var updated = await set.Where(p => p.Name == definition.Name)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Description, definition.Description), cancellationToken).ConfigureAwait(false);
            if (updated == 0)
            {
                set.Add(new PermissionDefinition { Name = definition.Name, Description = definition.Description });
                try
                {
                    await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DbUpdateException e) when (context.IsUniqueViolation(e))
                {
                    // Another instance seeded it at the same moment: the row exists, which is all that matters.
                }
                finally
                {
                    context.ChangeTracker.Clear();
                }
            }
        }
    }
}
