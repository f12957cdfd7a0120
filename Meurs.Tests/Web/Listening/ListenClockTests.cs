using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Listening;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Listening;

/// <summary>
/// The playback clock on a clock the test moves (each test owns its host, so moving time never touches another's
/// sessions): a track's end moves everyone on, and play starts when every connected listener is ready or after the
/// ready timeout; a late joiner just gets the state.
/// </summary>
public sealed class ListenClockTests
{
    [Fact]
    public async Task TrackEnd_MovesOnForEveryone_AndTheLastEndPauses()
    {
        using var scene = new ListenScene();
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        var items = await scene.ItemsAsync(id, host);
        var alpha = (await scene.ItemAsync(TestLibrary.AlphaPath)).DurationMs!.Value;
        var beta = (await scene.ItemAsync(TestLibrary.BetaPath)).DurationMs!.Value;
        await using var hostSocket = await ListenSocketClient.ConnectAsync(scene, id, host);
        await hostSocket.ConnectedAsync();
        await using var guestSocket = await ListenSocketClient.ConnectAsync(scene, id, guest);
        await guestSocket.ConnectedAsync();
        await hostSocket.SendAsync("client_state", new { state = "ready" });
        await hostSocket.PayloadAsync("listeners_update", p => p.GetProperty("listeners").EnumerateArray().Any(l => l.GetProperty("sync_state").ValueKind == System.Text.Json.JsonValueKind.String));
        await guestSocket.SendAsync("client_state", new { state = "in_sync" });
        await hostSocket.PayloadAsync("listeners_update", p => p.GetProperty("listeners").EnumerateArray().All(l => l.GetProperty("sync_state").ValueKind == System.Text.Json.JsonValueKind.String));

        await hostSocket.SendAsync("playback_command", new { action = "play" });
        var started = await guestSocket.PayloadAsync("playback_state");
        Assert.Equal("playing", started.GetProperty("state").GetString());
        var startedAt = started.GetProperty("updated_at").GetInt64();
        Assert.Equal(startedAt, (await hostSocket.PayloadAsync("playback_state")).GetProperty("updated_at").GetInt64());

        scene.Clock.Advance(TimeSpan.FromMilliseconds(alpha + 5));
        foreach (var socket in new[] { hostSocket, guestSocket })
        {
            var next = await socket.PayloadAsync("playback_state");
            Assert.Equal(items[1], next.GetProperty("item_id").GetGuid());
            Assert.Equal("playing", next.GetProperty("state").GetString());
            Assert.Equal(0, next.GetProperty("position_ms").GetInt64());
            // The next track began when the first ended, not when the clock happened to wake.
            Assert.Equal(startedAt + alpha, next.GetProperty("updated_at").GetInt64());
        }

        scene.Clock.Advance(TimeSpan.FromMilliseconds(beta + 5));
        var finished = await guestSocket.PayloadAsync("playback_state");
        Assert.Equal("paused", finished.GetProperty("state").GetString());
        Assert.Equal(items[1], finished.GetProperty("item_id").GetGuid());
        Assert.Equal(beta, finished.GetProperty("position_ms").GetInt64());
        var log = await scene.ExpectAsync("GET", $"/api/listen/sessions/{id}/log", host.Token, null, HttpStatusCode.OK);
        var actions = log.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("playback.next", actions);
        Assert.Contains("playback.finished", actions);
    }

    [Fact]
    public async Task Play_WithNobodyConnected_StartsAtOnce_AndTheClockAdvancesIt()
    {
        using var scene = new ListenScene();
        var host = await scene.UserAsync("h");
        var id = await scene.SessionAsync(host);
        var items = await scene.ItemsAsync(id, host);
        var alpha = (await scene.ItemAsync(TestLibrary.AlphaPath)).DurationMs!.Value;

        var state = await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playback", host.Token, new { action = "play" }, HttpStatusCode.OK);
        Assert.Equal("playing", state.GetProperty("state").GetString());

        scene.Clock.Advance(TimeSpan.FromMilliseconds(alpha + 1));
        await Poll.UntilAsync(async () => await scene.Factory.WithDbAsync(db => db.ListenSessions.AnyAsync(s => s.Id == id && s.CurrentItemId == items[1])), "the clock to move on");
    }

    [Fact]
    public async Task Play_NotEveryoneReady_StartsAfterTheReadyTimeout()
    {
        using var scene = new ListenScene();
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        await using var hostSocket = await ListenSocketClient.ConnectAsync(scene, id, host);
        await hostSocket.ConnectedAsync();
        await using var guestSocket = await ListenSocketClient.ConnectAsync(scene, id, guest);
        await guestSocket.ConnectedAsync();
        await guestSocket.SendAsync("client_state", new { state = "buffering" });
        await hostSocket.SendAsync("client_state", new { state = "ready" });

        await hostSocket.SendAsync("playback_command", new { action = "play" });
        Assert.Equal("waiting", (await guestSocket.PayloadAsync("playback_state")).GetProperty("state").GetString());
        scene.Clock.Advance(new ListeningOptions().ReadyTimeout - TimeSpan.FromMilliseconds(10));
        Assert.Equal("waiting", (await scene.StateAsync(id, host)).GetProperty("state").GetString());

        scene.Clock.Advance(TimeSpan.FromMilliseconds(20));
        var started = await guestSocket.PayloadAsync("playback_state");
        Assert.Equal("playing", started.GetProperty("state").GetString());
        Assert.Equal(scene.Clock.GetUtcNow().ToUnixTimeMilliseconds(), started.GetProperty("updated_at").GetInt64());
    }

    [Fact]
    public async Task Play_TheUnreadyListenerLeaves_StartsForTheRest()
    {
        using var scene = new ListenScene();
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        await using var hostSocket = await ListenSocketClient.ConnectAsync(scene, id, host);
        await hostSocket.ConnectedAsync();
        var guestSocket = await ListenSocketClient.ConnectAsync(scene, id, guest);
        await guestSocket.ConnectedAsync();
        await hostSocket.SendAsync("client_state", new { state = "ready" });
        await hostSocket.SendAsync("playback_command", new { action = "play" });
        Assert.Equal("waiting", (await hostSocket.PayloadAsync("playback_state")).GetProperty("state").GetString());

        await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/leave", guest.Token, null, HttpStatusCode.NoContent);
        await guestSocket.DisposeAsync();
        // Their presence ends after the kind's grace period (5 s), well before the ready timeout would... on this clock, only when moved.
        scene.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("waiting", (await scene.StateAsync(id, host)).GetProperty("state").GetString());
        scene.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("playing", (await hostSocket.PayloadAsync("playback_state")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task LateJoiner_GetsThePlayingState_WithoutAnyWait()
    {
        using var scene = new ListenScene();
        var host = await scene.UserAsync("h");
        var guest = await scene.UserAsync("g");
        var id = await scene.SessionAsync(host, guest);
        await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playback", host.Token, new { action = "seek", position_ms = 10 }, HttpStatusCode.OK);
        await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/playback", host.Token, new { action = "play" }, HttpStatusCode.OK);
        scene.Clock.Advance(TimeSpan.FromMilliseconds(20));

        await using var late = await ListenSocketClient.ConnectAsync(scene, id, guest);
        var (state, _) = await late.ConnectedAsync();

        Assert.Equal("playing", state.GetProperty("state").GetString());
        var expected = state.GetProperty("position_ms").GetInt64() + (scene.Clock.GetUtcNow().ToUnixTimeMilliseconds() - state.GetProperty("updated_at").GetInt64());
        Assert.Equal(30, expected);
        Assert.Equal("playing", (await scene.StateAsync(id, host)).GetProperty("state").GetString());
    }
}
