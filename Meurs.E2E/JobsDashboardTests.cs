using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// Hangfire's dashboard at /admin/jobs, under its own Content-Security-Policy, in Chromium: an administrator opens it
/// from the menu, its live chart polls, and a job triggered from it runs, with no CSP violation reported.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class JobsDashboardTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task Dashboard_AdminOpensItAndTriggersAJob_NoContentSecurityPolicyViolation()
    {
        await using var ada = await Person.OpenAsync(browser.Browser, server.BaseAddress, "ada");
        // Added by the test harness, so it runs whatever the page's policy says; it only records what the browser refuses.
        await ada.Page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
              window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
            """);
        await ada.SignUpAsync();
        // Signing up first makes nobody an administrator: the operator grants it at the server's console.
        await server.GrantAdminAsync(ada.Name);
        await ada.Page.ReloadAsync();

        // The home page draws its chart (Chart.js inserts a style element) and polls its stats with an antiforgery header.
        var stats = ada.Page.WaitForResponseAsync(r => r.Url.EndsWith("/admin/jobs/stats", StringComparison.Ordinal));
        await ada.Page.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await Expect(ada.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/jobs$"));
        await Expect(ada.Page.Locator("#realtimeGraph")).ToBeVisibleAsync();
        Assert.Equal(200, (await stats).Status);
        // Each page's violations, read before leaving it.
        var violations = new List<string>(await ada.Page.EvaluateAsync<string[]>("() => window.__cspViolations"));

        await ada.Page.GotoAsync("/admin/jobs/recurring");
        await Expect(ada.Page.GetByRole(AriaRole.Button, new() { Name = "Trigger now" })).ToBeVisibleAsync();
        var row = ada.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SweepExpiredTokens" });
        await row.GetByRole(AriaRole.Checkbox).CheckAsync();
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Trigger now" }).ClickAsync();
        // The list is rendered on the server: look again until the run has finished.
        var succeeded = ada.Page.GetByRole(AriaRole.Link).Filter(new() { HasText = "SweepExpiredTokens" });
        for (var look = 0; look < 100 && await succeeded.CountAsync() == 0; look++)
        {
            await ada.Page.GotoAsync("/admin/jobs/jobs/succeeded");
        }
        await Expect(succeeded.First).ToBeVisibleAsync();
        violations.AddRange(await ada.Page.EvaluateAsync<string[]>("() => window.__cspViolations"));

        // The run's own page: its state history, with the job's result.
        await succeeded.First.ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Succeeded" }).First).ToBeVisibleAsync();
        violations.AddRange(await ada.Page.EvaluateAsync<string[]>("() => window.__cspViolations"));

        Assert.Empty(violations);
        Assert.DoesNotContain(ada.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(ada.ConsoleErrors);
    }
}
