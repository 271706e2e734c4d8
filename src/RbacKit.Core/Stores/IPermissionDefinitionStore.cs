using RbacKit.Domain;

namespace RbacKit.Stores;

/// <summary>Stores the permission catalog for administration tools.</summary>
public interface IPermissionDefinitionStore
{
    /// <summary>Every stored permission, by name.</summary>
    Task<IReadOnlyList<PermissionDefinition>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Inserts missing definitions and updates descriptions; never deletes.</summary>
    Task UpsertAsync(IReadOnlyCollection<PermissionDefinition> definitions, CancellationToken cancellationToken);
}
