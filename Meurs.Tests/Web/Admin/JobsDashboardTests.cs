using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Admin;

/// <summary>
/// Hangfire's dashboard at /admin/jobs: administrators only (accounts granted the role; signing up first is not enough),
/// on every page and every POST action; antiforgery on the POSTs; its own Content-Security-Policy. Each test has its own
/// host, so the grants of one do not leak into another.
/// </summary>
public sealed partial class JobsDashboardTests
{
    private const string Dashboard = "/admin/jobs";

    /// <summary>Every POST command of Hangfire 1.8's dashboard (its DashboardRoutes), and the stats poll.</summary>
    public static TheoryData<string> PostActions { get; } =
    [
        "/stats",
        "/jobs/enqueued/delete", "/jobs/enqueued/requeue",
        "/jobs/processing/delete", "/jobs/processing/requeue",
        "/jobs/scheduled/enqueue", "/jobs/scheduled/delete",
        "/jobs/succeeded/requeue",
        "/jobs/failed/requeue", "/jobs/failed/delete",
        "/jobs/deleted/requeue",
        "/jobs/awaiting/enqueue", "/jobs/awaiting/delete",
        "/jobs/actions/requeue/1", "/jobs/actions/delete/1",
        "/recurring/remove", "/recurring/trigger",
    ];

    [Theory]
    [InlineData("")]
    [InlineData("/recurring")]
    [InlineData("/jobs/succeeded")]
    public async Task Get_Anonymous_Returns401(string page)
    {
        using var factory = new MeursFactory();
        using var visitor = factory.NewBrowser();

        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync(Dashboard + page)).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/recurring")]
    public async Task Get_NonAdmin_Returns403(string page)
    {
        using var factory = new MeursFactory();
        using var admin = await factory.SignedUpAdminAsync("a");
        using var other = await factory.SignedUpAsync("b");

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(Dashboard + page)).StatusCode);
    }

    [Fact]
    public async Task Get_FirstAccountOfAFreshInstall_Returns403UntilGranted()
    {
        // An exposed fresh install: whoever signs up first must not become its administrator.
        using var factory = new MeursFactory();
        using var first = await factory.SignedUpAsync("first");
        using var api = ApiClient.For(factory);
        Assert.Equal(HttpStatusCode.Created, (await api.RegisterAsync("second" + Guid.NewGuid().ToString("N")[..8])).Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await first.GetAsync(Dashboard)).StatusCode);
        Assert.DoesNotContain("href=\"/admin/jobs\"", (await first.GetHtmlAsync("/about")).Html, StringComparison.Ordinal);

        using (var scope = factory.Services.CreateScope())
        {
            Assert.Equal(AdminRole.Outcome.Granted, await scope.ServiceProvider.GetRequiredService<AdminRole>().GrantAsync(first.UserName));
        }
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(Dashboard)).StatusCode);
    }

    [Fact]
    public async Task Get_Admin_ListsTheThreeRecurringJobs()
    {
        using var factory = new MeursFactory();
        using var admin = await factory.SignedUpAdminAsync("a");

        var (home, _) = await admin.GetHtmlAsync(Dashboard);
        var (response, html) = await admin.GetHtmlAsync(Dashboard + "/recurring");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ClearIdleRooms", html, StringComparison.Ordinal);
        Assert.Contains("SweepExpiredTokens", html, StringComparison.Ordinal);
        Assert.Contains("SweepExpiredSharedFiles", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PostActions))]
    public async Task Post_AnonymousAndNonAdmin_Refused401And403(string action)
    {
        using var factory = new MeursFactory();
        using var admin = await factory.SignedUpAdminAsync("a");
        using var other = await factory.SignedUpAsync("b");
        using var visitor = factory.NewBrowser();
        // The non-admin sends a valid antiforgery token of their own: the refusal must come from authorization.
        var otherToken = ("RequestVerificationToken", await other.TokenFromAsync("/rooms"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(visitor, action, null, ("jobs[]", "ClearIdleRooms"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(other, action, otherToken, ("jobs[]", "ClearIdleRooms"))).StatusCode);
        Assert.Empty(TriggeredRecurringJobs(factory));
        Assert.Equal(4, RecurringJobCount(factory));
    }

    [Fact]
    public async Task PostTrigger_AdminWithToken_RunsTheJob()
    {
        using var factory = new MeursFactory();
        using var admin = await factory.SignedUpAdminAsync("a");
        var token = await DashboardTokenAsync(admin);

        var response = await PostAsync(admin, "/recurring/trigger", token, ("jobs[]", "SweepExpiredTokens"));

        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        Assert.Equal(["SweepExpiredTokens"], TriggeredRecurringJobs(factory));
    }

    [Fact]
    public async Task PostTrigger_AdminWithoutToken_RefusedAndRunsNothing()
    {
        using var factory = new MeursFactory();
        using var admin = await factory.SignedUpAdminAsync("a");

        var response = await PostAsync(admin, "/recurring/trigger", null, ("jobs[]", "SweepExpiredTokens"));
        var forged = await PostAsync(admin, "/recurring/trigger", ("RequestVerificationToken", "forged"), ("jobs[]", "SweepExpiredTokens"));

        Assert.False(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        Assert.False(forged.IsSuccessStatusCode, $"status {(int)forged.StatusCode}");
        Assert.Empty(TriggeredRecurringJobs(factory));
    }

    [Fact]
    public async Task Grant_SecondUser_LetsThemInOnTheNextRequest()
    {
        using var factory = new MeursFactory();
        using var admin = await factory.SignedUpAdminAsync("a");
        using var other = await factory.SignedUpAsync("b");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(Dashboard)).StatusCode);

        using (var scope = factory.Services.CreateScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<AdminRole>();
            Assert.Equal(AdminRole.Outcome.Granted, await roles.GrantAsync(other.UserName.ToUpperInvariant()));
            Assert.Equal(AdminRole.Outcome.AlreadyAdmin, await roles.GrantAsync(other.UserName));
            Assert.Equal(AdminRole.Outcome.UserNotFound, await roles.GrantAsync("nobody-" + Guid.NewGuid().ToString("N")[..8]));
        }

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(Dashboard)).StatusCode);
    }

    [Fact]
    public async Task Nav_AdminLink_ShownToAdministratorsOnly()
    {
        using var factory = new MeursFactory();
        using var admin = await factory.SignedUpAdminAsync("a");
        using var other = await factory.SignedUpAsync("b");

        Assert.Contains("href=\"/admin/jobs\"", (await admin.GetHtmlAsync("/about")).Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/jobs\"", (await other.GetHtmlAsync("/about")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csp_DashboardHasItsOwnPolicy_TheRestOfTheAppKeepsTheStrictOne()
    {
        using var factory = new MeursFactory();
        using var admin = await factory.SignedUpAdminAsync("a");

        var dashboard = string.Join(' ', (await admin.GetAsync(Dashboard)).Headers.GetValues("Content-Security-Policy"));
        var about = string.Join(' ', (await admin.GetAsync("/about")).Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("style-src 'self' 'unsafe-hashes' 'sha256-", dashboard, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", dashboard, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", about, StringComparison.Ordinal);
        Assert.DoesNotContain("sha256-", about, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(TestBrowser browser, string action, (string Header, string Value)? token, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Dashboard + action, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        if (token is { } t)
        {
            request.Headers.Add(t.Header, t.Value);
        }
        return await browser.Client.SendAsync(request);
    }

    // The dashboard puts the header name and token in its page (meta csrf-header, csrf-token) for its own scripts.
    private static async Task<(string Header, string Value)> DashboardTokenAsync(TestBrowser admin)
    {
        var (_, html) = await admin.GetHtmlAsync(Dashboard + "/recurring");
        var header = AntiforgeryHeader().Match(html);
        var value = AntiforgeryToken().Match(html);
        Assert.True(header.Success && value.Success, "the dashboard page carries no antiforgery token");
        return (WebUtility.HtmlDecode(header.Groups[1].Value), WebUtility.HtmlDecode(value.Groups[1].Value));
    }

    // A triggered recurring job records the id of the run it created.
    private static List<string> TriggeredRecurringJobs(MeursFactory factory)
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).Where(j => j.LastJobId is not null).Select(j => j.Id).ToList();
    }

    private static int RecurringJobCount(MeursFactory factory)
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).Count;
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
