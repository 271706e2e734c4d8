using CinemaAuthHost.Cli;
using CinemaAuthHost.Hosting;

// Fail closed before touching the database: without ICU (invariant globalization) NFKC does nothing, and look-alike
// emails would register as new accounts. RbacKit refuses to start that way (AddRbacKit validates it on start); the CLI
// verbs run before any host starts, so run the same check here, say why and stop.
if (!RbacKit.UnicodeSupport.IsAvailable)
{
    await Console.Error.WriteLineAsync(RbacKit.UnicodeSupport.Message);
    return 2;
}

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
