using CinemaAuthHost.Cli;
using CinemaAuthHost.Hosting;

if (await CinemaCli.TryRunAsync(args) is { } exit)
{
    return exit;
}

var app = CinemaApp.Build(args);
await CinemaApp.PrepareAsync(app, CancellationToken.None);
await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
