using CinemaAuthHost.Cli;
using CinemaAuthHost.Hosting;

// Fail closed before touching the database: without ICU (invariant globalization) NFKC does nothing, and look-alike
// emails would register as new accounts. RbacKit's normalizer refuses to run that way; say why and stop.
try
{
    _ = RbacKit.Normalizer.NormalizeKey("probe");
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync(e.Message);
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
