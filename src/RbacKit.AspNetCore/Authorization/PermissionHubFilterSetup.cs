using Microsoft.AspNetCore.SignalR;

namespace RbacKit.AspNetCore;

/// <summary>Adds <see cref="PermissionHubFilter"/> to every hub of the application.</summary>
internal sealed class PermissionHubFilterSetup : Microsoft.Extensions.Options.IConfigureOptions<HubOptions>
{
    public void Configure(HubOptions options) => options.AddFilter<PermissionHubFilter>();
}
