using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Admin;
using Meurs.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Meurs.Tests.Web.Admin;

/// <summary>
/// /admin/jobs through the real forms. Each test has its own host, because who is an administrator depends on who
/// signed up first. Triggers exist here (scheduling on) but are set to 2099, so nothing fires by itself.
/// </summary>
public sealed class AdminJobsPageTests
{
    private const string Page = "/admin/jobs";
    private const string Never = "0 0 0 1 1 ? 2099";

    [Fact]
    public async Task Get_AsFirstUser_ListsJobsWithTriggersAndNextRun()
    {
        using var factory = NewFactory();
        using var admin = await factory.SignedUpAsync("a");

        var (response, html) = await admin.GetHtmlAsync(Page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-job=\"ClearIdleRooms\"", html, StringComparison.Ordinal);
        Assert.Contains("data-job=\"SweepExpiredTokens\"", html, StringComparison.Ordinal);
        Assert.Contains("data-job=\"SweepExpiredSharedFiles\"", html, StringComparison.Ordinal);
        Assert.Contains("data-trigger=\"ClearIdleRooms\" data-state=\"normal\"", html, StringComparison.Ordinal);
        Assert.Contains("2099-01-01 00:00:00", html, StringComparison.Ordinal);
        Assert.Contains("No job has run yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AsSecondUser_Returns403()
    {
        using var factory = NewFactory();
        using var admin = await factory.SignedUpAsync("a");
        using var other = await factory.SignedUpAsync("b");

        var response = await other.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Get_AsVisitor_RedirectsToLogin()
    {
        using var factory = NewFactory();
        using var visitor = factory.NewBrowser();

        var response = await visitor.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", new Uri(MeursFactory.BaseAddress, response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task Nav_AdminLink_ShownToAdministratorsOnly()
    {
        using var factory = NewFactory();
        using var admin = await factory.SignedUpAsync("a");
        using var other = await factory.SignedUpAsync("b");

        Assert.Contains("href=\"/admin/jobs\"", (await admin.GetHtmlAsync("/about")).Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/jobs\"", (await other.GetHtmlAsync("/about")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grant_SecondUser_LetsThemInOnTheNextRequest()
    {
        using var factory = NewFactory();
        using var admin = await factory.SignedUpAsync("a");
        using var other = await factory.SignedUpAsync("b");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(Page)).StatusCode);

        using (var scope = factory.Services.CreateScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<AdminRole>();
            Assert.Equal(AdminRole.Outcome.Granted, await roles.GrantAsync(other.UserName.ToUpperInvariant()));
            Assert.Equal(AdminRole.Outcome.AlreadyAdmin, await roles.GrantAsync(other.UserName));
            Assert.Equal(AdminRole.Outcome.UserNotFound, await roles.GrantAsync("nobody-" + Guid.NewGuid().ToString("N")[..8]));
        }

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(Page)).StatusCode);
    }

    [Fact]
    public async Task PostRunNow_AsAdmin_RedirectsAndRecordsARun()
    {
        using var factory = NewFactory();
        using var admin = await factory.SignedUpAsync("a");

        var (response, _) = await PostAsync(admin, "Input.Run", nameof(SweepExpiredTokens));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/jobs?ran=SweepExpiredTokens", new Uri(MeursFactory.BaseAddress, response.Headers.Location!).PathAndQuery);
        Assert.Contains("SweepExpiredTokens has been started.", (await admin.GetHtmlAsync("/admin/jobs?ran=SweepExpiredTokens")).Html, StringComparison.Ordinal);
        await Poll.UntilAsync(() => factory.WithDbAsync(db => db.JobRuns.AnyAsync(r => r.JobName == nameof(SweepExpiredTokens))), "the run to be recorded");
        var html = (await admin.GetHtmlAsync(Page)).Html;
        Assert.Contains("data-outcome=\"Succeeded\"", html, StringComparison.Ordinal);
        // A run now leaves the schedule as it was.
        Assert.Equal(TriggerState.Normal, await StateAsync(factory, nameof(SweepExpiredTokens)));
    }

    [Fact]
    public async Task PostPauseThenResume_AsAdmin_PausesAndResumesTheTrigger()
    {
        using var factory = NewFactory();
        using var admin = await factory.SignedUpAsync("a");

        var (paused, _) = await PostAsync(admin, "Input.Pause", nameof(ClearIdleRooms));

        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Equal(TriggerState.Paused, await StateAsync(factory, nameof(ClearIdleRooms)));
        Assert.Equal(TriggerState.Normal, await StateAsync(factory, nameof(SweepExpiredTokens)));
        var html = (await admin.GetHtmlAsync(Page)).Html;
        Assert.Contains("data-trigger=\"ClearIdleRooms\" data-state=\"paused\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Resume\" value=\"ClearIdleRooms\"", html, StringComparison.Ordinal);

        var (resumed, _) = await PostAsync(admin, "Input.Resume", nameof(ClearIdleRooms));

        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.Equal(TriggerState.Normal, await StateAsync(factory, nameof(ClearIdleRooms)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.JobRuns.CountAsync()));
    }

    [Fact]
    public async Task PostPause_WithoutAntiforgeryToken_Returns400AndChangesNothing()
    {
        using var factory = NewFactory();
        using var admin = await factory.SignedUpAsync("a");
        await admin.GetAsync(Page); // a real browser has the antiforgery cookie; only the form field is missing

        var (response, _) = await admin.PostFormAsync(Page, [new("_handler", "job-action"), new("Input.Pause", nameof(ClearIdleRooms))], tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TriggerState.Normal, await StateAsync(factory, nameof(ClearIdleRooms)));
    }

    [Fact]
    public async Task PostRunNow_WithForeignToken_Returns400AndRunsNothing()
    {
        using var factory = NewFactory();
        using var admin = await factory.SignedUpAsync("a");
        using var attacker = await factory.SignedUpAsync("b");
        var foreignToken = await attacker.TokenFromAsync("/about");

        var (response, _) = await admin.PostFormAsync(Page,
            [new("_handler", "job-action"), new("Input.Run", nameof(SweepExpiredTokens)), new("__RequestVerificationToken", foreignToken)],
            tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        // A run-now would show as a second, one-off trigger until it fires, then as a recorded run.
        Assert.Single(await scheduler.GetTriggersOfJob(new JobKey(nameof(SweepExpiredTokens))));
        Assert.Equal(0, await factory.WithDbAsync(db => db.JobRuns.CountAsync()));
    }

    [Fact]
    public async Task PostPause_AsSecondUser_Returns403AndChangesNothing()
    {
        using var factory = NewFactory();
        using var admin = await factory.SignedUpAsync("a");
        using var other = await factory.SignedUpAsync("b");

        var (response, _) = await other.PostFormAsync(Page, [new("_handler", "job-action"), new("Input.Pause", nameof(ClearIdleRooms))], "/about");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(TriggerState.Normal, await StateAsync(factory, nameof(ClearIdleRooms)));
    }

    [Theory]
    [InlineData("Input.Pause", "NoSuchJob")]
    [InlineData("Input.Run", "clearidlerooms")]
    [InlineData("Input.Resume", "")]
    public async Task PostAction_UnknownJobName_Returns400WithErrorAndChangesNothing(string field, string jobName)
    {
        using var factory = NewFactory();
        using var admin = await factory.SignedUpAsync("a");

        var (response, html) = await PostAsync(admin, field, jobName);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is no job named", TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.Equal(TriggerState.Normal, await StateAsync(factory, nameof(ClearIdleRooms)));
        Assert.Equal(TriggerState.Normal, await StateAsync(factory, nameof(SweepExpiredTokens)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.JobRuns.CountAsync()));
    }

    [Fact]
    public async Task PostAction_NoButton_Returns400AskingForOneAction()
    {
        using var factory = NewFactory();
        using var admin = await factory.SignedUpAsync("a");

        var (response, html) = await admin.PostFormAsync(Page, [new("_handler", "job-action")], Page);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose one action", TestBrowser.Errors(html), StringComparison.Ordinal);
    }

    private static MeursFactory NewFactory() =>
        MeursFactory.With(settings: new Dictionary<string, string?>
        {
            ["Jobs:Scheduling"] = "true",
            ["Jobs:Schedules:ClearIdleRooms"] = Never,
            ["Jobs:Schedules:SweepExpiredTokens"] = Never,
        });

    private static Task<(HttpResponseMessage Response, string Html)> PostAsync(TestBrowser browser, string field, string jobName) =>
        browser.PostFormAsync(Page, [new("_handler", "job-action"), new(field, jobName)], Page);

    private static async Task<TriggerState> StateAsync(MeursFactory factory, string jobName)
    {
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return await scheduler.GetTriggerState(new TriggerKey(jobName));
    }
}
