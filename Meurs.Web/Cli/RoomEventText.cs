using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Meurs.Web.Cli;

/// <summary>
/// How <c>meurs connect</c> shows the room protocol's events (see <see cref="Features.Rooms.RoomJson"/>) as terminal lines:
/// <c>[HH:mm] author: text</c>, <c>[HH:mm] author -> you (private): text</c>, <c>* notice</c>, <c>! error</c>.
/// Times are the terminal's local time. Text from other people is stripped of control characters, so nobody can move
/// the cursor, retitle the window or fake lines on someone else's terminal with escape sequences.
/// </summary>
/// <param name="me">The connected user's name, to tell private messages sent from received.</param>
/// <param name="server">The server's base URL, to turn a file's download path into a full URL.</param>
/// <param name="zone">The zone times are shown in; the machine's local zone when null.</param>
internal sealed class RoomEventText(string me, Uri server, TimeZoneInfo? zone = null)
{
    /// <summary>The text of the notice sent just before the server closes every socket of a room its owner closed.</summary>
    public const string RoomClosedNotice = "Room closed by owner";

    private readonly TimeZoneInfo zone = zone ?? TimeZoneInfo.Local;

    /// <summary>The line for one event, or null for events a terminal does not show (member lists, relay bookkeeping).</summary>
    public string? Format(JsonElement message)
    {
        switch (Text(message, "type"))
        {
            case "chat":
                return $"{Time(message)} {Clean(Text(message, "from"))}: {Clean(Text(message, "text"))}";
            case "pm":
                var from = Text(message, "from");
                return string.Equals(from, me, StringComparison.OrdinalIgnoreCase)
                    ? $"{Time(message)} you -> {Clean(Text(message, "to"))} (private): {Clean(Text(message, "text"))}"
                    : $"{Time(message)} {Clean(from)} -> you (private): {Clean(Text(message, "text"))}";
            case "system":
                return "* " + Clean(Text(message, "text"));
            case "file_shared":
                var url = Uri.TryCreate(server, Text(message, "download_url"), out var full) ? full.AbsoluteUri : Text(message, "download_url");
                return $"{Time(message)} {Clean(Text(message, "uploader"))} shared {Clean(Text(message, "file_name"))}: {url}";
            case "file-header":
                return $"* {Clean(Text(message, "from"))} is sending {Clean(Text(message, "filename"))} directly to the browsers in the room (the command line does not receive it)";
            case "clear":
                return "* The room's history was cleared.";
            case "room.renamed":
                return message.TryGetProperty("data", out var data) ? "* The room is now called " + Clean(Text(data, "name")) : null;
            case "error":
                return "! " + Clean(Text(message, "detail"));
            default:
                return null;
        }
    }

    /// <summary>The event's string property <paramref name="name"/>, or "" when absent or not a string.</summary>
    public static string Text(JsonElement message, string name) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";

    /// <summary>
    /// <paramref name="text"/> with every control character but line breaks and tabs replaced by U+FFFD, and line breaks
    /// indented so a multi-line message cannot pass for lines of its own.
    /// </summary>
    public static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            clean.Append(c switch
            {
                '\n' => "\n    ",
                '\t' => "\t",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069' => "\uFFFD",
                _ => c.ToString(),
            });
        }
        return clean.ToString();
    }

    private string Time(JsonElement message)
    {
        if (!message.TryGetProperty("ts", out var ts) || ts.ValueKind != JsonValueKind.Number || !ts.TryGetDouble(out var seconds))
        {
            return "[--:--]";
        }
        var utc = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        return "[" + TimeZoneInfo.ConvertTime(utc, zone).ToString("HH:mm", CultureInfo.InvariantCulture) + "]";
    }
}
