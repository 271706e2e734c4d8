using Microsoft.Extensions.DependencyInjection;

namespace RbacKit;

/// <summary>Runs a store call in a DI scope of its own, for singletons that use scoped stores.</summary>
internal static class ScopedStores
{
    public static async Task<TResult> InScopeAsync<TStore, TResult>(this IServiceScopeFactory scopes, Func<TStore, Task<TResult>> action)
        where TStore : notnull
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await action(scope.ServiceProvider.GetRequiredService<TStore>()).ConfigureAwait(false);
        }
    }
}
