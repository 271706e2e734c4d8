using Microsoft.Extensions.DependencyInjection;
using RbacKit.Stores;
using RbacKit.Testing;

namespace RbacKit.Core.Tests;

/// <summary>The store specification on the in-memory reference store the unit tests use, so the fakes behave like the real stores.</summary>
public sealed class InMemoryStoreSpecificationTests : StoreSpecificationTests
{
    protected override Task ConfigureStoresAsync(IServiceCollection services)
    {
        var store = new InMemoryStore();
        foreach (var type in new[] { typeof(IUserStore), typeof(IRoleStore), typeof(ISessionStore), typeof(ILoginEventStore), typeof(IAuditEventStore), typeof(ISigningKeyStore), typeof(IRecoveryCodeStore), typeof(IPermissionDefinitionStore), typeof(RbacKit.Accounts.Recovery.IMailTokenStore), typeof(RbacKit.Mail.IMailOutboxStore), typeof(IOAuthClientStore) })
        {
            services.AddSingleton(type, store);
        }

        return Task.CompletedTask;
    }
}
