using System.Globalization;
using System.Text.Json;
using Jint;

namespace Meurs.Bench.Listen;

/// <summary>
/// Meurs' own client: the browser's wwwroot/js/listen-sync.js and listen-player.js, unchanged, in the Jint interpreter.
/// The <c>MeursListenPlayer.ListenPlayer</c> gets the socket as its transport, this client's clock as <c>now</c>, and a
/// fake HTMLMediaElement whose currentTime, playbackRate, play, pause and src go to the <see cref="MediaModel"/>; the
/// element's events (loadedmetadata, canplay, seeked) are fired when the model's load or seek completes. The page's
/// setInterval(tick, 250) is the base class's timer. So clock exchanges, playback_state handling, start, drift
/// decisions and client_state/sync_ack are exactly the page's code.
/// </summary>
internal sealed class PlayerClient : ModelClient
{
    private const string Element = """
        var setInterval = function () { return 1; }, clearInterval = function () {};
        var media = {
          handlers: {}, preload: "", ended: false, _src: "", _rate: 1,
          get readyState() { return hostReadyState(); },
          get paused() { return hostPaused(); },
          get seeking() { return hostSeeking(); },
          get duration() { return hostDuration(); },
          get currentTime() { return hostCurrentTime(); },
          set currentTime(seconds) { hostSeek(seconds); },
          get playbackRate() { return this._rate; },
          set playbackRate(rate) { this._rate = rate; hostRate(rate); },
          get src() { return this._src; },
          set src(url) { this._src = url; hostLoad(url); },
          addEventListener(type, h) { (this.handlers[type] = this.handlers[type] || []).push(h); },
          removeEventListener() {},
          fire(type) { (this.handlers[type] || []).forEach((h) => h()); },
          pause() { hostPause(); },
          play() { hostPlay(); return { catch() {} }; },
          load() {},
          removeAttribute(name) { if (name === "src") this._src = ""; },
        };
        var transport = { send(m) { hostSend(JSON.stringify(m)); }, subscribe(h) { this.deliver = h; } };
        var player = new MeursListenPlayer.ListenPlayer({
          transport: transport, media: media, now: function () { return hostNow(); },
          trackUrl: function (id) { return "/listen-bench/" + id; } });
        function deliverText(text) { transport.deliver(JSON.parse(text)); }
        function offsetEstimate() { var e = player.clock.estimate(hostNow()); return e ? e.offsetMs : NaN; }
        """;

    private readonly Engine js = new(options => options.Strict());
    private readonly Dictionary<string, long?> durations = [];
    private long? loadingDuration;

    public PlayerClient(ClientSetup setup, Timeline timeline, string syncScript, string playerScript) : base(setup, timeline)
    {
        js.SetValue("hostNow", new Func<double>(ClientNow));
        js.SetValue("hostSend", new Action<string>(Send));
        js.SetValue("hostReadyState", new Func<int>(() => Media.Loaded ? 4 : 0));
        js.SetValue("hostPaused", new Func<bool>(() => Media.Paused));
        js.SetValue("hostSeeking", new Func<bool>(() => Media.Seeking));
        js.SetValue("hostDuration", new Func<double>(() => Media.DurationMs / 1000));
        js.SetValue("hostCurrentTime", new Func<double>(() => Media.ReadMs() / 1000));
        js.SetValue("hostSeek", new Action<double>(seconds =>
        {
            var latency = Media.Seek(seconds * 1000);
            Later(latency, () => js.Execute("media.fire('seeked');"));
        }));
        js.SetValue("hostRate", new Action<double>(Media.SetRate));
        js.SetValue("hostPlay", new Action(Media.Play));
        js.SetValue("hostPause", new Action(Media.Pause));
        js.SetValue("hostLoad", new Action<string>(url =>
        {
            var id = url[(url.LastIndexOf('/') + 1)..];
            var duration = durations.GetValueOrDefault(id) ?? loadingDuration;
            var delay = Media.Load();
            Later(delay, () =>
            {
                Media.CompleteLoad(duration is { } d ? d : double.NaN);
                js.Execute("media.fire('loadedmetadata'); media.fire('canplay');");
            });
        }));
        js.Execute(syncScript);
        js.Execute(playerScript);
        js.Execute(Element);
    }

    /// <summary>The player's current estimate of server minus client clock, ms (NaN before the first exchange).</summary>
    public double OffsetEstimateMs()
    {
        lock (Gate)
        {
            return js.Invoke("offsetEstimate").AsNumber();
        }
    }

    protected override void Started() => js.Execute("player.start();");

    protected override void Received(string text, JsonElement message)
    {
        // The fake element takes its duration from the state that loads it (a real one reads it from the file).
        if (message.TryGetProperty("type", out var type) && type.GetString() == "playback_state")
        {
            var payload = message.GetProperty("payload");
            if (payload.GetProperty("track_id").GetString() is { } track)
            {
                var duration = payload.TryGetProperty("duration_ms", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt64() : (long?)null;
                durations[track] = duration;
                loadingDuration = duration;
            }
        }
        js.Invoke("deliverText", text);
    }

    protected override void Tick() => js.Execute("player.tick();");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"player offset {Setup.OffsetMs:F0} ms skew {Setup.Skew:P2}");
}
