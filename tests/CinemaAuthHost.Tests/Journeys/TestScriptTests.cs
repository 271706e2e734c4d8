using System.Diagnostics;
using RbacKit.Testing;

namespace CinemaAuthHost.Tests;

/// <summary>
/// On a machine with only the .NET SDK, ./test.sh installs everything it and the scripts it runs call (issue 12:
/// python3 and curl were needed but never installed): with nothing on the PATH, scripts/services.sh asks for them.
/// </summary>
public sealed class TestScriptTests
{
    [Fact]
    public async Task Services_script_installs_python3_and_curl_when_they_are_missing()
    {
        var services = DevServers.FindServicesScript();
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("source \"$1\" && rbk_missing_packages");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(services);
        start.Environment["PATH"] = "/nonexistent";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        var packages = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("python3", packages);
        Assert.Contains("curl", packages);
        Assert.Contains("redis-server", packages);
    }

    [Fact]
    public async Task Services_script_up_starts_reuses_and_down_stops_the_servers_of_an_ide_run()
    {
        var script = DevServers.FindServicesScript();
        var dir = Path.Combine(Path.GetTempPath(), "rbackit-dev-test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var first = DevServers.Up(script, dir).ToDictionary(v => v.Name, v => v.Value);
            var second = DevServers.Up(script, dir).ToDictionary(v => v.Name, v => v.Value);

            Assert.Equal(first["RBACKIT_TEST_POSTGRES"], second["RBACKIT_TEST_POSTGRES"]);
            Assert.Equal(first["RBACKIT_TEST_REDIS"], second["RBACKIT_TEST_REDIS"]);
            Assert.Equal(script, first["RBACKIT_TEST_SERVICES"]);
            await using (var connection = new Npgsql.NpgsqlConnection(first["RBACKIT_TEST_POSTGRES"]))
            {
                await connection.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand("SELECT current_database()", connection);
                Assert.Equal("rbackit_test", await command.ExecuteScalarAsync());
            }

            Assert.Equal("+PONG", await RedisPingAsync(first["RBACKIT_TEST_REDIS"]));
        }
        finally
        {
            using var down = Process.Start(new ProcessStartInfo("/bin/bash") { ArgumentList = { script, "down", dir }, RedirectStandardError = true })!;
            await down.StandardError.ReadToEndAsync();
            await down.WaitForExitAsync();
            Assert.Equal(0, down.ExitCode);
        }

        Assert.False(Directory.Exists(dir));
    }

    private static async Task<string> RedisPingAsync(string endPoint)
    {
        var colon = endPoint.LastIndexOf(':');
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(endPoint[..colon], int.Parse(endPoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[16];
        var read = await stream.ReadAsync(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
    }
}
