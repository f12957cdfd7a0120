using System.Text.Json;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Listening;

/// <summary>
/// The browser engine (wwwroot/js/listen-player.js) in Jint with a fake media element, transport and clock: the
/// messages it sends have the documented shapes, and it loads, positions, plays and pauses as the server says.
/// Simulated time only.
/// </summary>
public sealed class ListenPlayerTests
{
    private const double Server = 1_767_225_600_000;
    private readonly SyncScript js = new();

    public ListenPlayerTests()
    {
        js.Execute(SyncScript.File("listen-player.js"));
        js.Execute("""
            var now = 50000, sent = [];
            var setInterval = function () { return 1; }, clearInterval = function () {};
            var media = {
              readyState: 0, paused: true, seeking: false, ended: false, currentTime: 0, playbackRate: 1, duration: NaN,
              src: "", preload: "", handlers: {},
              addEventListener(type, h) { (this.handlers[type] = this.handlers[type] || []).push(h); },
              removeEventListener() {},
              fire(type) { (this.handlers[type] || []).forEach((h) => h()); },
              pause() { this.paused = true; },
              play() { this.paused = false; return { catch() {} }; },
              load() {},
              removeAttribute(name) { if (name === "src") this.src = ""; },
            };
            var transport = { send(m) { sent.push(m); }, subscribe(h) { this.deliver = h; } };
            var player = new MeursListenPlayer.ListenPlayer({
              transport, media, now: () => now, trackUrl: (id) => "/api/library/tracks/" + id + "/audio" });
            player.start();
            """);
    }

    private JsonElement[] Sent(string type) =>
        [.. js.Eval("sent").EnumerateArray().Where(m => m.GetProperty("type").GetString() == type)];

    private static string[] Keys(JsonElement payload) => [.. payload.EnumerateObject().Select(p => p.Name).Order()];

    // Answers the last clock exchange 41 ms after it was sent (20 ms each way, 1 ms in the server); the server's clock
    // is the client's + (Server - 50000). A playing fake element moves on by those 41 ms too.
    private void AnswerClock()
    {
        var t0 = Sent("clock")[^1].GetProperty("payload").GetProperty("t0").GetDouble();
        js.Execute($"if (!media.paused) media.currentTime += ({t0 + 41} - now) / 1000; now = {t0 + 41}; transport.deliver({{ type: 'clock', payload: {{ t0: {t0}, t1: {Server - 50_000 + t0 + 20}, t2: {Server - 50_000 + t0 + 21} }} }});");
    }

    [Fact]
    public void Player_ClockThenPlayingState_LoadsPositionsAndPlays_AndReportsInTheDocumentedShapes()
    {
        var clock = Assert.Single(Sent("clock"));
        Assert.Equal(["t0"], Keys(clock.GetProperty("payload")));
        AnswerClock();

        js.Execute($"transport.deliver({{ type: 'playback_state', payload: {{ track_id: 't1', item_id: 'i1', position_ms: 1000, state: 'playing', updated_at: {Server}, duration_ms: 200000 }} }});");
        Assert.Equal("/api/library/tracks/t1/audio", js.Eval("media.src").GetString());
        Assert.True(js.Eval("media.paused").GetBoolean());
        var buffering = Sent("client_state")[^1].GetProperty("payload");
        Assert.Equal(["drift_ms", "state"], Keys(buffering));
        Assert.Equal("buffering", buffering.GetProperty("state").GetString());

        // The track can play: the element is put where the session is (1000 ms + 41 ms since updated_at) and played.
        js.Execute("media.readyState = 4; media.duration = 200; media.fire('canplay');");
        Assert.False(js.Eval("media.paused").GetBoolean());
        Assert.Equal(1.041, js.Eval("media.currentTime").GetDouble(), 3);
        Assert.Equal("correcting", Sent("client_state")[^1].GetProperty("payload").GetProperty("state").GetString());

        // 12 s of playing in step (the fake element follows the clock exactly), answering the clock as asked.
        js.Execute("media.fire('seeked');");
        var answered = Sent("clock").Length;
        for (var i = 0; i < 48; i++)
        {
            js.Execute("now += 250; media.currentTime += 0.25; player.tick();");
            if (Sent("clock").Length > answered)
            {
                AnswerClock();
                answered = Sent("clock").Length;
            }
        }
        Assert.Equal("in_sync", Sent("client_state")[^1].GetProperty("payload").GetProperty("state").GetString());
        var acks = Sent("sync_ack");
        Assert.Equal(2, acks.Length); // at the first measurement, then 10 s later
        var ack = acks[^1].GetProperty("payload");
        Assert.InRange(ack.GetProperty("drift_ms").GetDouble(), -5, 5);
        Assert.Equal(["drift_ms", "position_ms"], Keys(ack));
        Assert.Equal(JsonValueKind.Number, ack.GetProperty("drift_ms").ValueKind);
        Assert.Equal(Math.Round(ack.GetProperty("position_ms").GetDouble()), ack.GetProperty("position_ms").GetDouble());

        // Paused by the host at 5 s: the element pauses there, back at rate 1, and says it is ready.
        js.Execute($"transport.deliver({{ type: 'playback_state', payload: {{ track_id: 't1', item_id: 'i1', position_ms: 5000, state: 'paused', updated_at: {Server + 13_000}, duration_ms: 200000 }} }});");
        Assert.True(js.Eval("media.paused").GetBoolean());
        Assert.Equal(5, js.Eval("media.currentTime").GetDouble());
        Assert.Equal("ready", Sent("client_state")[^1].GetProperty("payload").GetProperty("state").GetString());
    }

    [Fact]
    public void Player_NoClockYet_DoesNotStartPlaying_AndSaysBuffering()
    {
        js.Execute($"transport.deliver({{ type: 'playback_state', payload: {{ track_id: 't1', item_id: 'i1', position_ms: 0, state: 'playing', updated_at: {Server}, duration_ms: null }} }});");
        js.Execute("media.readyState = 4; media.fire('canplay'); now += 250; player.tick();");
        Assert.True(js.Eval("media.paused").GetBoolean()); // without an offset the position would be off by the clocks' difference
        Assert.Equal("buffering", Sent("client_state")[^1].GetProperty("payload").GetProperty("state").GetString());

        AnswerClock();
        Assert.False(js.Eval("media.paused").GetBoolean());
    }
}
