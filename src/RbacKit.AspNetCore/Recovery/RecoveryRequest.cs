namespace RbacKit.AspNetCore;

/// <summary>A well-formed address whose recovery work runs after the answer.</summary>
internal readonly record struct RecoveryRequest(RecoveryRequestKind Kind, string Email);
