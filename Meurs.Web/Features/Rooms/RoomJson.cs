using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// The JSON envelopes of the room protocol (<c>/ws/comuni/{id}</c>), as the original Meurs "Comuni" sent them, with
/// sequence numbers and ids added. Times (<c>ts</c>) are Unix epoch seconds with millisecond precision, as the original.
/// <list type="bullet">
/// <item><c>{"type":"history","items":[event…]}</c> on connect, oldest first.</item>
/// <item><c>{"type":"resume","after":N,"items":[event…]}</c> on a reconnect with <c>?after=N</c>: exactly the events after N.</item>
/// <item>events: <c>{"type":"chat","id","seq","from","text","ts"}</c>, <c>{"type":"pm","id","seq","from","to","text","ts"}</c>,
/// <c>{"type":"system","id","seq","text","user"?,"ts"}</c>, <c>{"type":"file_shared","id","seq","file_name","uploader","download_url","ts"}</c>.</item>
/// <item><c>{"type":"clear"}</c> when the history was wiped; <c>{"type":"members","users":[…]}</c> when presence changes.</item>
/// <item><c>{"type":"error","code","detail"}</c> for a refused client message; the socket stays open.</item>
/// </list>
/// </summary>
public static class RoomJson
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>One event as it is sent live.</summary>
    public static string Event(RoomMessage message) => JsonSerializer.Serialize(Envelope(message), Options);

    /// <summary>The history sent on connect.</summary>
    public static string History(IEnumerable<RoomMessage> messages) =>
        JsonSerializer.Serialize(new { type = "history", items = messages.Select(Envelope) }, Options);

    /// <summary>What a reconnecting client missed after sequence number <paramref name="after"/>.</summary>
    public static string Resume(long after, IEnumerable<RoomMessage> messages) =>
        JsonSerializer.Serialize(new { type = "resume", after, items = messages.Select(Envelope) }, Options);

    /// <summary>The history was wiped: drop what you show.</summary>
    public static string Clear() => """{"type":"clear"}""";

    /// <summary>The owner closed the room; the socket closes right after.</summary>
    public static string Closed() => """{"type":"system","text":"Room closed by owner"}""";

    /// <summary>The owner renamed the room (an event the original protocol did not have, so in the fabric's envelope).</summary>
    public static string Renamed(string roomId, string name) =>
        JsonSerializer.Serialize(new { type = "room.renamed", data = new { id = roomId, name } }, Options);

    /// <summary>Who is present, by username.</summary>
    public static string Members(IEnumerable<RoomMember> members) =>
        JsonSerializer.Serialize(new { type = "members", users = members.Select(m => m.UserName) }, Options);

    /// <summary>A refused client message: <paramref name="code"/> is stable for programs, <paramref name="detail"/> is for people.</summary>
    public static string Error(string code, string detail) => JsonSerializer.Serialize(new { type = "error", code, detail }, Options);

    /// <summary>Unix epoch seconds, millisecond precision.</summary>
    public static double Timestamp(DateTime utc) =>
        Math.Round((utc - DateTime.UnixEpoch).TotalSeconds, 3);

    private static EventEnvelope Envelope(RoomMessage m) => m.Kind switch
    {
        RoomMessageKind.Chat => new EventEnvelope("chat", m.Id, m.Seq, m.Text, Timestamp(m.CreatedAt)) { From = m.AuthorName },
        RoomMessageKind.Private => new EventEnvelope("pm", m.Id, m.Seq, m.Text, Timestamp(m.CreatedAt)) { From = m.AuthorName, To = m.RecipientName },
        RoomMessageKind.FileShared => new EventEnvelope("file_shared", m.Id, m.Seq, m.Text, Timestamp(m.CreatedAt))
        {
            FileName = m.Text, Uploader = m.AuthorName, DownloadUrl = $"/rooms/{m.RoomId}/files/{m.FileId:N}",
        },
        RoomMessageKind.Joined or RoomMessageKind.Left => new EventEnvelope("system", m.Id, m.Seq, m.Text, Timestamp(m.CreatedAt)) { User = m.AuthorName },
        _ => new EventEnvelope("system", m.Id, m.Seq, m.Text, Timestamp(m.CreatedAt)),
    };

    private sealed record EventEnvelope(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("id")] Guid Id,
        [property: JsonPropertyName("seq")] long Seq,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("ts")] double Ts)
    {
        [JsonPropertyName("from")]
        public string? From { get; init; }

        [JsonPropertyName("to")]
        public string? To { get; init; }

        [JsonPropertyName("user")]
        public string? User { get; init; }

        [JsonPropertyName("file_name")]
        public string? FileName { get; init; }

        [JsonPropertyName("uploader")]
        public string? Uploader { get; init; }

        [JsonPropertyName("download_url")]
        public string? DownloadUrl { get; init; }
    }
}
