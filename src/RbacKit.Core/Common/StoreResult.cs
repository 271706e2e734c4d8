namespace RbacKit.Stores;

/// <summary>What a store write did. Stores report races through this instead of throwing.</summary>
public enum StoreResult
{
    /// <summary>The write was applied.</summary>
    Success,
    /// <summary>The target does not exist.</summary>
    NotFound,
    /// <summary>A unique value (email, role name, grant) already exists.</summary>
    Duplicate,
    /// <summary>The record changed since it was read (concurrency stamp mismatch).</summary>
    Conflict,
    /// <summary>The write would leave a guarded role without any active holder.</summary>
    LastHolder,
}
