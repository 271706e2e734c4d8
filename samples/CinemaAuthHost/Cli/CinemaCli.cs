using System.CommandLine;
using CinemaAuthHost.Hosting;
using RbacKit;
using RbacKit.Keys;

namespace CinemaAuthHost.Cli;

/// <summary>Operator verbs on the same executable: migrate, seed, create-superuser, rotate-keys, create-client.</summary>
internal static class CinemaCli
{
    private static readonly string[] Verbs = ["migrate", "seed", "create-superuser", "rotate-keys", "create-client", "--help", "-h", "-?", "--version"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    /// <summary>
    /// Runs a verb, or refuses arguments the server would not understand (a mistyped verb, an option without a value)
    /// with the help and exit code 2; returns null when the arguments are the server's: none, or only configuration
    /// in ASP.NET's command-line form (<c>--urls http://...</c>, <c>--environment Production</c>, <c>--Key=Value</c>,
    /// <c>/Key=Value</c>).
    /// </summary>
    public static async Task<int?> TryRunAsync(string[] args, TextReader? input = null, TextWriter? output = null)
    {
        if (IsCommand(args))
        {
            return await RunAsync(args, input, output);
        }

        if (FirstUnknownArgument(args) is not { } unknown)
        {
            return null;
        }

        output ??= Console.Error;
        await output.WriteLineAsync($"Error: unknown verb or option '{unknown}'. Without a verb the arguments must be configuration (--Key=Value or --Key Value).");
        await output.WriteLineAsync();
        await RunAsync(["--help"], input, output);
        return 2;
    }

    /// <summary>The first argument that is neither a configuration key nor its value, or null.</summary>
    public static string? FirstUnknownArgument(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!IsConfigurationKey(arg))
            {
                return arg;
            }

            if (arg.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (i + 1 >= args.Length || IsConfigurationKey(args[i + 1]))
            {
                return arg; // an option without a value
            }

            i++;
        }

        return null;
    }

    private static bool IsConfigurationKey(string arg) =>
        (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2 && arg[2] != '=') ||
        (arg.StartsWith('/') && arg.Length > 1 && arg[1] != '=');

    public static Task<int> RunAsync(string[] args, TextReader? input = null, TextWriter? output = null)
    {
        input ??= Console.In;
        output ??= Console.Out;
        var root = new RootCommand("CinemaAuthHost: the standalone auth API for the online cinema. Without a verb it serves HTTP.");

        var migrate = new Command("migrate", "Apply the database migrations (and, on PostgreSQL, create login-history partitions). Idempotent.");
        migrate.SetAction((_, ct) => WithSeederAsync(output, async seeder =>
        {
            await seeder.MigrateAsync(ct);
            await output.WriteLineAsync("Database is up to date.");
            return 0;
        }));

        var seed = new Command("seed", "Migrate, then create the roles and their permission mappings; reports grants the catalog no longer declares. Idempotent.");
        seed.SetAction((_, ct) => WithSeederAsync(output, async seeder =>
        {
            await seeder.MigrateAsync(ct);
            var report = await seeder.SeedRolesAsync(ct);
            await output.WriteLineAsync($"Roles created: {report.RolesCreated.Count}; grants added: {report.GrantsAdded.Count}.");
            foreach (var orphan in report.OrphanedGrants)
            {
                await output.WriteLineAsync($"Warning: grant '{orphan}' matches no declared permission.");
            }

            return 0;
        }));

        var email = new Option<string>("--email") { Description = "The superuser's email.", Required = true };
        var lastName = new Option<string>("--last-name") { Description = "The superuser's last name.", DefaultValueFactory = _ => "Administrator" };
        var createSuperuser = new Command("create-superuser", "Create a user holding superadmin, or grant superadmin to an existing one. The password is read from standard input (or prompted without echo), never from the command line.")
        {
            email,
            lastName,
        };
        createSuperuser.SetAction((result, ct) => WithSeederAsync(output, async seeder =>
        {
            var password = await ReadPasswordAsync(input, output);
            if (string.IsNullOrEmpty(password))
            {
                await output.WriteLineAsync("Error: no password given on standard input.");
                return 2;
            }

            await seeder.MigrateAsync(ct);
            await seeder.SeedRolesAsync(ct);
            var created = await seeder.CreateUserWithRoleAsync(result.GetValue(email)!, password, result.GetValue(lastName)!, RoleDefinitionCollection.Superadmin, ct);
            if (!created.Succeeded)
            {
                await output.WriteLineAsync($"Error: {created.Error.Message} ({created.Error.Code})");
                return 1;
            }

            await output.WriteLineAsync($"{result.GetValue(email)} is a superadmin.");
            return 0;
        }));

        var revoke = new Option<string>("--revoke")
        {
            Description = "Emergency withdrawal: remove the key with this kid from the JWKS and refuse its tokens on every instance at once. " +
                "When it is the only key that can sign, a new key is created first and signs at once.",
        };
        var rotate = new Command("rotate-keys", "Publish a new signing key at once; it signs after RbacKit:Tokens:KeyActivationDelay, and earlier keys keep validating until their tokens expire.")
        {
            revoke,
        };
        rotate.SetAction((result, ct) => WithServicesAsync(output, async services =>
        {
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<CinemaSeeder>().MigrateAsync(ct);
            }

            var ring = services.GetRequiredService<IKeyRing>();
            await ring.InitializeAsync(ct);
            return result.GetValue(revoke) is { } keyId
                ? await KeyCommands.WithdrawAsync(services, ring, keyId, output, ct)
                : await KeyCommands.RotateAsync(services, ring, output, ct);
        }));

        var clientName = new Option<string>("--name") { Description = "The client's name (a-z, 0-9, '-', '_', '.').", Required = true };
        var clientPermissions = new Option<string[]>("--permission") { Description = "A permission or wildcard to grant; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var createClient = new Command("create-client", "Create an OAuth client (service account) with the operator's authority and print its client id and secret; the secret is shown only here.")
        {
            clientName,
            clientPermissions,
        };
        createClient.SetAction((result, ct) => WithServicesAsync(output, async services =>
        {
            await using var scope = services.CreateAsyncScope();
            var seeder = scope.ServiceProvider.GetRequiredService<CinemaSeeder>();
            await seeder.MigrateAsync(ct);
            await seeder.SeedRolesAsync(ct);
            var input = new RbacKit.Clients.ClientInput(result.GetValue(clientName), result.GetValue(clientPermissions) ?? []);
            var created = await scope.ServiceProvider.GetRequiredService<RbacKit.Clients.IClientService>().CreateForOperatorAsync(input, ct);
            if (!created.Succeeded)
            {
                await output.WriteLineAsync($"Error: {created.Error.Message} ({created.Error.Code})");
                return 1;
            }

            await output.WriteLineAsync($"client_id: {created.Value.ClientId}");
            await output.WriteLineAsync($"client_secret: {created.Value.ClientSecret}");
            await output.WriteLineAsync($"id: {created.Value.Id}");
            await output.WriteLineAsync("Store the secret now: it is not shown again (POST /clients/{id}/secret replaces it).");
            return 0;
        }));

        root.Subcommands.Add(migrate);
        root.Subcommands.Add(seed);
        root.Subcommands.Add(createSuperuser);
        root.Subcommands.Add(rotate);
        root.Subcommands.Add(createClient);
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = output };
        return parse.Errors.Count == 0 ? parse.InvokeAsync(configuration) : RefuseAsync(root, parse, configuration, output);
    }

    /// <summary>An unknown option or a missing value: say what, print the help and exit 2, as for an unknown verb.</summary>
    private static async Task<int> RefuseAsync(RootCommand root, ParseResult parse, InvocationConfiguration configuration, TextWriter output)
    {
        foreach (var error in parse.Errors)
        {
            await output.WriteLineAsync($"Error: unknown verb or option: {error.Message}");
        }

        await output.WriteLineAsync();
        var command = parse.CommandResult.Command;
        await root.Parse(command == root ? ["--help"] : [command.Name, "--help"]).InvokeAsync(configuration);
        return 2;
    }

    private static Task<int> WithSeederAsync(TextWriter output, Func<CinemaSeeder, Task<int>> action) =>
        WithServicesAsync(output, async services =>
        {
            await using var scope = services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<CinemaSeeder>());
        });

    private static async Task<int> WithServicesAsync(TextWriter output, Func<IServiceProvider, Task<int>> action)
    {
        try
        {
            await using var app = CinemaApp.Build([]);
            CinemaApp.Validate(app);
            return await action(app.Services);
        }
        catch (Exception e) when (e is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await output.WriteLineAsync($"Error: {e.Message}");
            return 1;
        }
    }

    private static async Task<string?> ReadPasswordAsync(TextReader input, TextWriter output)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return (await input.ReadLineAsync())?.TrimEnd('\r', '\n');
        }

        await output.WriteAsync("Password: ");
        var password = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }

                continue;
            }

            password.Append(key.KeyChar);
        }

        await output.WriteLineAsync();
        return password.ToString();
    }
}
