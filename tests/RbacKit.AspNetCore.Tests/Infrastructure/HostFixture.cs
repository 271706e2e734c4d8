namespace RbacKit.AspNetCore.Tests;

/// <summary>One auth host shared by the tests of a class.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public AuthHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await AuthHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
