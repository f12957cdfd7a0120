using System.Text.Json;

namespace Meurs.Bench.Battery;

/// <summary>
/// One event of the room's JSON protocol (README, <c>WS /ws/comuni/{id}</c>) as far as the batteries look at it: its
/// type, per-room <see cref="Seq"/> (absent on members and clear frames), author and text. A history or resume frame
/// carries its events in <see cref="Items"/>.
/// </summary>
internal sealed record RoomFrame(string Type, long? Seq, string? From, string? Text, IReadOnlyList<RoomFrame> Items, long ReceivedAt)
{
    public static RoomFrame Parse(ReadOnlySpan<byte> json, long receivedAt)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        return Read(document.RootElement, receivedAt);
    }

    private static RoomFrame Read(JsonElement element, long receivedAt)
    {
        var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? "" : "";
        long? seq = element.TryGetProperty("seq", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
        var from = element.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var text = element.TryGetProperty("text", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null;
        var items = element.TryGetProperty("items", out var i) && i.ValueKind == JsonValueKind.Array
            ? i.EnumerateArray().Select(e => Read(e, receivedAt)).ToList()
            : [];
        return new RoomFrame(type, seq, from, text, items, receivedAt);
    }
}
