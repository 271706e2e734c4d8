namespace RbacKit.AspNetCore;

/// <summary>Marks that RbacKit's web services are registered, so a second registration call adds nothing.</summary>
internal sealed class RbacKitWebMarker;
