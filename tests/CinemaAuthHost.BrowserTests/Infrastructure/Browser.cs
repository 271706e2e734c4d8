using System.Text.Json;
using Microsoft.Playwright;

namespace CinemaAuthHost.BrowserTests;

/// <summary>
/// Playwright driving the system Chromium (<c>RBACKIT_TEST_CHROMIUM</c>, installed by ./test.sh; Playwright downloads
/// nothing), one browser per test class, a fresh context (cookie jar) per person. Every page a test looks at is checked
/// with axe-core (<c>RBACKIT_TEST_AXE</c>) and for CSP violations, and can be photographed for docs/images/pages.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    /// <summary>A desktop window, and a phone's (the layout must work at that width).</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1200, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Require("RBACKIT_TEST_AXE")));
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _cspViolations = [];

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>
    /// How long an action or an expectation may wait for its element or URL: a deadline for a loaded 2-core CI machine,
    /// not a timing assertion (an expectation passes as soon as it holds).
    /// </summary>
    public const float Deadline = 60_000;

    public static async Task<Browser> LaunchAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(Deadline);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Require("RBACKIT_TEST_CHROMIUM"),
                Headless = true,
                // Root in a container: Chromium's sandbox needs user namespaces it may not get.
                ChromiumSandbox = false,
                Args = ["--disable-dev-shm-usage", "--disable-gpu"],
            });
            return new Browser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A new person: their own cookies, a desktop window (or <paramref name="viewport"/>), English.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, ViewportSize? viewport = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = viewport ?? Desktop,
            Locale = "en-GB",
            UserAgent = "CinemaAuthHost.BrowserTests (Chromium)",
        });
        context.SetDefaultTimeout(Deadline);
        context.SetDefaultNavigationTimeout(Deadline);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (_cspViolations)
                {
                    _cspViolations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        return page;
    }

    /// <summary>
    /// Runs axe-core on the page and fails on serious or critical violations; also fails when the page broke its CSP.
    /// axe is evaluated through the DevTools protocol, which the page's CSP (no inline script) does not govern.
    /// </summary>
    public async Task AssertAccessibleAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const results = await axe.run(document, { resultTypes: ['violations'] });
              return results.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} [${v.nodes.map(n => n.target.join(' ')).join(', ')}]`);
            }
            """);
        var list = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(list.Count == 0, $"axe-core on {page.Url}:{Environment.NewLine}{string.Join(Environment.NewLine, list)}");
        lock (_cspViolations)
        {
            Assert.True(_cspViolations.Count == 0, string.Join(Environment.NewLine, _cspViolations));
        }
    }

    /// <summary>
    /// Photographs the page: into docs/images/pages/<paramref name="name"/>.png when <c>RBACKIT_SCREENSHOTS=1</c> (the
    /// pictures the README shows), else into the test output directory.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("RBACKIT_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "images", "pages")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RbacKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("RbacKit.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set. Run the tests through ./test.sh, which installs chromium and axe-core.");
}
