using CinemaAuthHost.Cli;
using CinemaAuthHost.Hosting;

// Fail closed before touching the database: without ICU (invariant globalization) NFKC does nothing, and look-alike
// emails would register as new accounts. RbacKit refuses to start that way (AddRbacKit validates it on start); the CLI
// verbs run before any host starts, so check here too, say why and stop.
if (!string.Equals("\uFF41".Normalize(System.Text.NormalizationForm.FormKC), "a", StringComparison.Ordinal))
{
    await Console.Error.WriteLineAsync(
        "Unicode normalization (NFKC) does not work in this process (invariant globalization): set InvariantGlobalization "
        + "to false, unset DOTNET_SYSTEM_GLOBALIZATION_INVARIANT and install ICU (libicu).");
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
