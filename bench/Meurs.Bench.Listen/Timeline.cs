using System.Collections.Concurrent;
using System.Text.Json;

namespace Meurs.Bench.Listen;

/// <summary>One authoritative playback state as the server sent it (server epoch ms; the wire's playback_state payload).</summary>
internal sealed record ServerState(string? ItemId, long PositionMs, string State, long UpdatedAt, long? DurationMs)
{
    public bool Playing => State == "playing";

    public static ServerState Parse(JsonElement payload) => new(
        payload.GetProperty("item_id").ValueKind == JsonValueKind.String ? payload.GetProperty("item_id").GetString() : null,
        payload.GetProperty("position_ms").GetInt64(),
        payload.GetProperty("state").GetString() ?? "",
        payload.GetProperty("updated_at").GetInt64(),
        payload.TryGetProperty("duration_ms", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt64() : null);

    /// <summary>The expected position at true time <paramref name="atMs"/>: position_ms + (true now − updated_at) while playing.</summary>
    public double ExpectedAt(double atMs)
    {
        double position = Playing ? PositionMs + (atMs - UpdatedAt) : PositionMs;
        return DurationMs is { } d ? Math.Clamp(position, 0, d) : Math.Max(0, position);
    }
}

/// <summary>
/// The server's timeline of one session: every distinct playback_state any of its sockets (or the host's REST calls)
/// received. The state in force at a true time is the one with the latest updated_at at or before it, which is what the
/// server itself holds, independent of when each client heard of it.
/// </summary>
internal sealed class Timeline
{
    private readonly ConcurrentDictionary<ServerState, bool> states = new();

    public void Add(ServerState state) => states.TryAdd(state, true);

    public ServerState[] Ordered() => [.. states.Keys.OrderBy(s => s.UpdatedAt)];

    /// <summary>The state in force at <paramref name="atMs"/> among <paramref name="ordered"/>, or null before the first.</summary>
    public static ServerState? At(ServerState[] ordered, double atMs)
    {
        ServerState? found = null;
        foreach (var s in ordered)
        {
            if (s.UpdatedAt > atMs)
            {
                break;
            }
            found = s;
        }
        return found;
    }
}
