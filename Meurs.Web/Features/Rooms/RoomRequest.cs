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
            if (!root!.RootElement.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return new InvalidRequest("bad_request", "The message text must be a string.", "");
            }
            return Command(text.GetString()!);
        }
    }

    /// <summary>
    /// Reads a JSON-protocol message: <c>{"type":"chat","text"}</c> or <c>{"type":"pm","to","text"}</c>.
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

/// <summary>A message that could not be read: <paramref name="Code"/> and <paramref name="Detail"/> go back to the sender.</summary>
public sealed record InvalidRequest(string Code, string Detail, string Text) : RoomRequest
{
    /// <inheritdoc />
    public override string Typed => Text;
}
