using System.Text.Json;

namespace Meurs.Web.Features.Rooms;

/// <summary>What a client asked of a room in one socket message, whichever protocol it spoke.</summary>
public abstract record RoomRequest
{
    /// <summary>The text the person typed, kept so a refused message is not lost (htmx re-renders it in the composer).</summary>
    public abstract string Typed { get; }

    /// <summary>
    /// Reads an hx-ws:send form: <c>{"text": "…", "headers": {…}}</c>. A text starting with <c>/pm &lt;user&gt; </c> is a
    /// private message, as in the CLI.
    /// </summary>
    public static RoomRequest FromHtmx(string frame)
    {
        if (ReadObject(frame, out var root) is { } invalid)
        {
            return invalid;
        }
        using (root)
        {
            // The page's relay script announces direct transfers on the same socket, in the JSON protocol's words.
            if (root!.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "file")
            {
                return FileRequest.From(root.RootElement);
            }
            if (!root!.RootElement.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return new InvalidRequest("bad_request", "The message text must be a string.", "");
            }
            return Command(text.GetString()!);
        }
    }

    /// <summary>
    /// Reads a JSON-protocol message: <c>{"type":"chat","text"}</c>, <c>{"type":"pm","to","text"}</c>,
    /// <c>{"type":"leave"}</c> or a file announcement.
    /// </summary>
    public static RoomRequest FromJson(string frame)
    {
        if (ReadObject(frame, out var root) is { } invalid)
        {
            return invalid;
        }
        using (root)
        {
            var json = root!.RootElement;
            var type = json.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var text = json.TryGetProperty("text", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null;
            switch (type)
            {
                case null:
                    return new InvalidRequest("bad_request", "A message needs a string \"type\".", "");
                case "chat":
                    return text is null ? new InvalidRequest("bad_request", "A chat message needs a string \"text\".", "") : new ChatRequest(text);
                case "pm":
                    var to = json.TryGetProperty("to", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                    return text is null || string.IsNullOrWhiteSpace(to)
                        ? new InvalidRequest("bad_request", "A private message needs string \"to\" and \"text\".", text ?? "")
                        : new PrivateRequest(to.Trim(), text);
                case "file":
                    return FileRequest.From(json);
                case "leave":
                    return new LeaveRequest();
                default:
                    return new InvalidRequest("unknown_type", $"Unknown message type '{Shorten(type)}'.", "");
            }
        }
    }

    /// <summary>Reads a typed line: <c>/pm &lt;user&gt; &lt;text&gt;</c> or plain chat.</summary>
    public static RoomRequest Command(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith("/pm ", StringComparison.OrdinalIgnoreCase))
        {
            return new ChatRequest(line);
        }
        var rest = line[4..].TrimStart();
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        return space <= 0
            ? new InvalidRequest("bad_request", "Write a private message as: /pm <user> <text>", line)
            : new PrivateRequest(rest[..space], rest[(space + 1)..]) { Line = line };
    }

    private static InvalidRequest? ReadObject(string frame, out JsonDocument? root)
    {
        root = null;
        try
        {
            root = JsonDocument.Parse(frame);
        }
        catch (JsonException)
        {
            return new InvalidRequest("bad_json", "That message was not valid JSON.", "");
        }
        if (root.RootElement.ValueKind != JsonValueKind.Object)
        {
            root.Dispose();
            root = null;
            return new InvalidRequest("bad_request", "A message must be a JSON object.", "");
        }
        return null;
    }

    private static string Shorten(string s) => s.Length <= 32 ? s : s[..32] + "…";
}

/// <summary>Say <paramref name="Text"/> to everyone in the room.</summary>
public sealed record ChatRequest(string Text) : RoomRequest
{
    /// <inheritdoc />
    public override string Typed => Text;
}

/// <summary>Say <paramref name="Text"/> to <paramref name="To"/> only, who must be in the room.</summary>
public sealed record PrivateRequest(string To, string Text) : RoomRequest
{
    /// <summary>The line as typed (<c>/pm bob hi</c>), when it came from a text box.</summary>
    public string? Line { get; init; }

    /// <inheritdoc />
    public override string Typed => Line ?? Text;
}

/// <summary>Leave the room on purpose (<c>{"type":"leave"}</c>): for the owner, the history is cleared at once; then the socket closes.</summary>
public sealed record LeaveRequest : RoomRequest
{
    /// <inheritdoc />
    public override string Typed => "";
}

/// <summary>A message that could not be read: <paramref name="Code"/> and <paramref name="Detail"/> go back to the sender.</summary>
public sealed record InvalidRequest(string Code, string Detail, string Text) : RoomRequest
{
    /// <inheritdoc />
    public override string Typed => Text;
}

/// <summary>
/// Announces a direct transfer (the original app's file relay): binary frames tagged with <paramref name="TransferId"/>
/// follow, <paramref name="Size"/> bytes in all. Nothing is stored.
/// </summary>
public sealed record FileRequest(string TransferId, string FileName, long Size, string Mime) : RoomRequest
{
    /// <inheritdoc />
    public override string Typed => "";

    /// <summary>Reads <c>{"type":"file","transfer_id","filename","size","mime"}</c>; the mime type is optional.</summary>
    public static RoomRequest From(JsonElement json)
    {
        var id = json.TryGetProperty("transfer_id", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var name = json.TryGetProperty("filename", out var f) && f.ValueKind == JsonValueKind.String ? FileSignature.CleanName(f.GetString()) : null;
        var size = json.TryGetProperty("size", out var z) && z.ValueKind == JsonValueKind.Number && z.TryGetInt64(out var n) ? n : -1;
        var mime = json.TryGetProperty("mime", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (id is null || !RoomFileRelay.IsTransferId(id))
        {
            return new InvalidRequest("bad_request", "transfer_id must be 1-64 characters of A-Z, a-z, 0-9, '-' or '_'.", "");
        }
        if (name is null || size <= 0)
        {
            return new InvalidRequest("bad_request", "A file needs a string \"filename\" and a positive integer \"size\".", "");
        }
        return new FileRequest(id, name, size, mime is { Length: > 0 and <= 100 } ? mime : "application/octet-stream");
    }
}
