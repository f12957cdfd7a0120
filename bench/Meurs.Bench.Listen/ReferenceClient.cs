using System.Globalization;
using System.Text.Json;

namespace Meurs.Bench.Listen;

/// <summary>
/// The original collaborative player's client algorithm (shared/origins/WIRE.md, "Drift doc"), on the same socket and
/// the same simulated element: no clock-offset estimation, expected = position_ms + (client now − updated_at); on each
/// playback_state the element is put there and played (or paused at position_ms); every 250 ms, |drift| &gt; 200 ms →
/// seek to the expected position, otherwise a gradual rate change. The original names no formula for that change; this
/// one is the simplest reading of "gradual": rate = 1 − drift / 1000 ms (absorb the drift over a second), held to
/// 0.9..1.1 and changed only by steps of at least 0.002, the same bounds as Meurs' controller, so the two differ by their
/// decisions and clocks, not by those limits. It reports ready/in_sync (client_state) so the server's ready-wait treats
/// it as any player, and sends sync_ack every 10 s as the original did.
/// </summary>
internal sealed class ReferenceClient(ClientSetup setup, Timeline timeline) : ModelClient(setup, timeline)
{
    public const double SeekThresholdMs = 200;
    public const double RateWindowMs = 1000;
    public const double MaxRateDelta = 0.1;
    public const double RateStep = 0.002;

    private ServerState? state;
    private string? trackId;
    private bool loading;
    private string? lastReported;
    private double lastAck = double.NegativeInfinity;

    protected override void Started()
    {
    }

    protected override void Received(string text, JsonElement message)
    {
        if (message.GetProperty("type").GetString() != "playback_state")
        {
            return;
        }
        var payload = message.GetProperty("payload");
        state = ServerState.Parse(payload);
        var track = payload.GetProperty("track_id").ValueKind == JsonValueKind.String ? payload.GetProperty("track_id").GetString() : null;
        if (track != trackId)
        {
            trackId = track;
            if (track is null)
            {
                Media.Pause();
                return;
            }
            loading = true;
            var delay = Media.Load();
            var duration = state.DurationMs;
            Later(delay, () =>
            {
                Media.CompleteLoad(duration is { } d ? d : double.NaN);
                loading = false;
                Apply();
            });
            return;
        }
        Apply();
    }

    // The state as received: where the element should be, playing or not.
    private void Apply()
    {
        if (state is null || trackId is null || loading)
        {
            return;
        }
        if (state.Playing)
        {
            Media.Seek(Expected(state));
            SetRate(1);
            Media.Play();
            Report("in_sync");
        }
        else
        {
            Media.Pause();
            if (Math.Abs(Media.ReadMs() - state.PositionMs) > 20)
            {
                Media.Seek(state.PositionMs);
            }
            Report("ready");
        }
    }

    protected override void Tick()
    {
        if (state is not { Playing: true } || trackId is null || loading || Media.Paused || Media.Seeking)
        {
            return;
        }
        var actual = Media.ReadMs();
        var drift = actual - Expected(state);
        var now = ClientNow();
        if (now - lastAck >= 10_000)
        {
            lastAck = now;
            Send(Envelope("sync_ack", new { position_ms = Math.Round(actual), drift_ms = Math.Round(drift * 10) / 10 }));
        }
        if (Math.Abs(drift) > SeekThresholdMs)
        {
            Media.Seek(Expected(state));
            SetRate(1);
            return;
        }
        SetRate(1 + Math.Clamp(-drift / RateWindowMs, -MaxRateDelta, MaxRateDelta));
    }

    private double Expected(ServerState s) => s.Playing ? s.PositionMs + (ClientNow() - s.UpdatedAt) : s.PositionMs;

    private void SetRate(double rate)
    {
        if (Math.Abs(rate - Media.RateProperty) >= RateStep || (rate == 1 && Media.RateProperty != 1))
        {
            Media.SetRate(rate);
        }
    }

    private void Report(string value)
    {
        if (value == lastReported)
        {
            return;
        }
        lastReported = value;
        Send(Envelope("client_state", new { state = value, drift_ms = (double?)null }));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"reference offset {Setup.OffsetMs:F0} ms skew {Setup.Skew:P2}");
}
