using System.Net;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Listening;

/// <summary>The idle job, triggered through Hangfire on a clock the test moves; each test owns its host.</summary>
public sealed class EndIdleSessionsTests
{
    private static readonly TimeSpan PastTimeout = TimeSpan.FromMinutes(31);

    [Fact]
    public async Task Run_NobodyConnectedForLong_EndsTheSession()
    {
        using var scene = new ListenScene();
        var host = await scene.UserAsync("h");
        var id = await scene.SessionAsync(host);
        var fresh = await scene.SessionAsync(host);
        scene.Clock.Advance(PastTimeout);
        await scene.ExpectAsync("POST", $"/api/listen/sessions/{fresh}/messages", host.Token, new { content = "still here" }, HttpStatusCode.Created);

        var run = await HangfireJobs.TriggerAsync(scene.Factory, "EndIdleSessions");

        Assert.Equal("Succeeded", run.State);
        Assert.Equal(1, run.Affected);
        ListenScene.Problem(await scene.SendAsync("GET", $"/api/listen/sessions/{id}", host.Token), HttpStatusCode.NotFound);
        Assert.NotNull(await scene.Factory.WithDbAsync(db => db.ListenSessions.Where(s => s.Id == id).Select(s => s.EndedAt).SingleAsync()));
        Assert.True(await scene.Factory.WithDbAsync(db => db.ListenLog.AnyAsync(e => e.SessionId == id && e.Action == "session.ended" && e.ActorId == null)));
        // A session written to recently (chat counts) stays.
        await scene.ExpectAsync("GET", $"/api/listen/sessions/{fresh}", host.Token, null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Run_SomeoneConnected_KeepsIt_UntilTheyHaveBeenGoneForLong()
    {
        using var scene = new ListenScene();
        var host = await scene.UserAsync("h");
        var id = await scene.SessionAsync(host);
        var socket = await ListenSocketClient.ConnectAsync(scene, id, host);
        await socket.ConnectedAsync();
        scene.Clock.Advance(PastTimeout);

        Assert.Equal(0, (await HangfireJobs.TriggerAsync(scene.Factory, "EndIdleSessions")).Affected);
        await socket.SendAsync("clock", new { t0 = 1 });
        await socket.PayloadAsync("clock");

        await socket.DisposeAsync();
        // Presence ends after the kind's grace period, once the server has seen the close; the session counts as active until then.
        await Poll.UntilAsync(async () =>
        {
            scene.Clock.Advance(TimeSpan.FromSeconds(1));
            return await scene.Factory.WithDbAsync(db => db.ListenSessions.AnyAsync(s => s.Id == id && s.LastActiveAt > DateTime.UtcNow.AddMinutes(10)));
        }, "the departure to be recorded");
        Assert.Equal(0, (await HangfireJobs.TriggerAsync(scene.Factory, "EndIdleSessions")).Affected);

        scene.Clock.Advance(PastTimeout);
        Assert.Equal(1, (await HangfireJobs.TriggerAsync(scene.Factory, "EndIdleSessions")).Affected);
        ListenScene.Problem(await scene.SendAsync("GET", $"/api/listen/sessions/{id}", host.Token), HttpStatusCode.NotFound);
    }
}
