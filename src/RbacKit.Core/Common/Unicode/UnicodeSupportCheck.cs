namespace RbacKit;

/// <summary>The options type whose start-up validation runs <see cref="UnicodeSupport.IsAvailable"/>; it holds nothing.</summary>
internal sealed class UnicodeSupportCheck;
