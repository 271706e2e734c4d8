using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;

namespace CinemaAuthHost.Tests;

/// <summary>
/// A real SMTP server on loopback (aiosmtpd, started by ./test.sh or by <see cref="StartOwnAsync"/>) and its maildir: the
/// tests read what was really delivered. Polling is bounded; messages are told apart by their (unique) recipient.
/// </summary>
public sealed partial class SmtpServer : IAsyncDisposable
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, string>? _ownEnvironment;

    private SmtpServer(int port, string maildir, Dictionary<string, string>? ownEnvironment)
    {
        Port = port;
        Maildir = maildir;
        _ownEnvironment = ownEnvironment;
    }

    public int Port { get; }

    public string Maildir { get; }

    /// <summary>The shared server of ./test.sh.</summary>
    public static SmtpServer Shared { get; } = new(
        int.Parse(Require("RBACKIT_TEST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture), Require("RBACKIT_TEST_SMTP_MAILDIR"), null);

    /// <summary>The host settings that send through this server.</summary>
    public (string Key, string Value)[] HostSettings =>
    [
        ("Smtp:Host", "127.0.0.1"),
        ("Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Smtp:Security", "None"),
        ("Smtp:From", "Cinema <no-reply@cinema.test>"),
        ("Mail:Outbox:PollInterval", "00:00:00.200"),
        ("Mail:Outbox:RetryBaseDelay", "00:00:00.200"),
        ("Mail:Outbox:MaxRetryDelay", "00:00:01"),
    ];

    /// <summary>A server of its own on a free port (for the outage test), through scripts/services.sh.</summary>
    public static async Task<SmtpServer> StartOwnAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var directory = Path.Combine(Path.GetTempPath(), $"cinema-smtp-{Guid.CreateVersion7():N}");
        var server = new SmtpServer(port, Path.Combine(directory, "maildir"), new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RBACKIT_TEST_SMTP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RBACKIT_TEST_SMTP_DIR"] = directory,
        });
        await server.StartAsync();
        return server;
    }

    public Task StartAsync() => RunServicesAsync("start-smtp");

    public Task StopAsync() => RunServicesAsync("stop-smtp");

    /// <summary>The messages delivered to <paramref name="to"/> so far.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string to)
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        // Arrival order: the Date header has one-second resolution, so the file's write time (nanoseconds) breaks ties.
        return [.. Directory.GetFiles(folder)
            .Select(f => (Message: MimeMessage.Load(f), Written: File.GetLastWriteTimeUtc(f)))
            .Where(m => m.Message.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(m => m.Message.Date).ThenBy(m => m.Written)
            .Select(m => m.Message)];
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> messages to <paramref name="to"/> have arrived; returns them.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string to, int count = 1)
    {
        IReadOnlyList<MimeMessage> found = [];
        await Http.EventuallyAsync(() => Task.FromResult((found = MessagesTo(to)).Count >= count), Delivery, $"{count} mail(s) to {to} delivered over SMTP");
        return found;
    }

    /// <summary>Waits (bounded) until a message to <paramref name="to"/> matches <paramref name="match"/>; returns the matches.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string to, Func<MimeMessage, bool> match, int count = 1)
    {
        IReadOnlyList<MimeMessage> found = [];
        await Http.EventuallyAsync(() => Task.FromResult((found = [.. MessagesTo(to).Where(match)]).Count >= count), Delivery, $"{count} matching mail(s) to {to} delivered over SMTP");
        return found;
    }

    /// <summary>Waits until a message to <paramref name="to"/> contains <paramref name="text"/> in its text body; returns it.</summary>
    public async Task<MimeMessage> WaitForTextAsync(string to, string text) =>
        (await WaitForAsync(to, m => (m.TextBody ?? "").Contains(text, StringComparison.Ordinal)))[0];

    /// <summary>
    /// Waits for the mail number <paramref name="count"/> to <paramref name="to"/> whose link goes to <paramref name="link"/>
    /// (<c>confirm-email</c> or <c>reset-password</c>) and returns its token. Mails are told apart by their link, not by
    /// arrival order: two sent in the same second carry the same <c>Date</c>.
    /// </summary>
    public async Task<string> WaitForTokenAsync(string to, string link, int count = 1)
    {
        var message = (await WaitForAsync(to, m => (m.TextBody ?? "").Contains($"/{link}?token=", StringComparison.Ordinal), count))[count - 1];
        var match = TokenPattern().Match(message.TextBody ?? "");
        Assert.True(match.Success, $"The mail to {to} has no link with a token: {message.TextBody}");
        Assert.Contains(match.Value, message.HtmlBody ?? "", StringComparison.Ordinal);
        return match.Groups[1].Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownEnvironment is not null)
        {
            await StopAsync();
            try
            {
                Directory.Delete(_ownEnvironment["RBACKIT_TEST_SMTP_DIR"], recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task RunServicesAsync(string command)
    {
        var script = Require("RBACKIT_TEST_SERVICES");
        var start = new ProcessStartInfo("bash", [script, command]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in _ownEnvironment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.True(process.ExitCode == 0, $"services.sh {command} failed: {await output}");
    }

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set. Run the tests through ./test.sh, which starts a real SMTP server on loopback.");

    [GeneratedRegex(@"https?://\S+\?token=([A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();
}
