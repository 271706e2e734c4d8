using CinemaAuthHost.Cli;

namespace CinemaAuthHost.Tests;

/// <summary>
/// A mistyped verb or an option the server does not understand prints the help and exits 2 instead of starting the web
/// server (issue 12); ASP.NET's configuration arguments still start it.
/// </summary>
public sealed class CliArgumentsTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("migrat")]
    [InlineData("-x")]
    [InlineData("--environment")]
    [InlineData("--urls", "--environment", "Production")]
    [InlineData("--urls", "http://127.0.0.1:5081", "extra")]
    [InlineData("--=x")]
    public async Task Unknown_verbs_and_options_print_the_help_and_exit_non_zero(params string[] args)
    {
        using var output = new StringWriter();
        var exit = await CinemaCli.TryRunAsync(args, TextReader.Null, output);

        Assert.Equal(2, exit);
        var text = output.ToString();
        Assert.Contains("unknown verb or option", text, StringComparison.Ordinal);
        foreach (var verb in new[] { "migrate", "seed", "create-superuser", "rotate-keys" })
        {
            Assert.Contains(verb, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://127.0.0.1:5081")]
    [InlineData("--environment", "Production", "--urls=http://+:8080")]
    [InlineData("--RbacKit:Issuer=https://auth.example.com", "/Data:Directory=/srv/cinema")]
    [InlineData("--ConnectionStrings__Postgres", "Host=db")]
    public async Task Configuration_arguments_start_the_server(params string[] args)
    {
        using var output = new StringWriter();
        Assert.Null(await CinemaCli.TryRunAsync(args, TextReader.Null, output));
        Assert.Equal("", output.ToString());
    }
}
