using RbacKit.Accounts;

namespace RbacKit.AspNetCore;

/// <summary>
/// Extends <c>POST /auth/register</c> without forking it: validate extra fields of the body (for example a terms
/// acceptance) before the user is created, and store them once it is. Register any number with
/// <c>services.AddScoped&lt;IRbacKitRegistrationHook, MyHook&gt;()</c>; they run in registration order.
/// </summary>
public interface IRbacKitRegistrationHook
{
    /// <summary>Runs before the user is created; return an error (for example <see cref="RbacError.Validation(string, string)"/>) to refuse the registration.</summary>
    ValueTask<RbacError?> ValidateAsync(RbacKitRegistrationContext context, CancellationToken cancellationToken) => ValueTask.FromResult<RbacError?>(null);

    /// <summary>Runs after the user was created.</summary>
    ValueTask OnRegisteredAsync(RbacKitRegistrationContext context, UserProfile user, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
