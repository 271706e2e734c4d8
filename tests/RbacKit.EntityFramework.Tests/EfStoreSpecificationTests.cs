using Microsoft.Extensions.DependencyInjection;
using RbacKit.Testing;

namespace RbacKit.EntityFramework.Tests;

/// <summary>The store specification on EF Core, once per provider.</summary>
public abstract class EfStoreSpecificationTests(Provider provider) : StoreSpecificationTests
{
    protected override async Task ConfigureStoresAsync(IServiceCollection services)
    {
        var connectionString = await TestDatabases.GetAsync(provider, GetType().Name);
        services.AddDbContext<TestDbContext>(o => TestDatabases.Configure(o, provider, connectionString));
        services.AddRbacKitCore(o =>
        {
            o.Issuer = "https://auth.test";
            o.Audience = "api";
        }).AddEntityFrameworkStores<TestDbContext>();
    }
}

public sealed class SqliteStoreSpecificationTests() : EfStoreSpecificationTests(Provider.Sqlite);

public sealed class PostgresStoreSpecificationTests() : EfStoreSpecificationTests(Provider.Postgres);
