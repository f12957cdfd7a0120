using System.Text.Json;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// A JSON body of the message API (<c>{"content", "reply_to_id"?}</c>, <c>{"message_id"?}</c>), read by hand so every
/// malformed body gets a sentence: not JSON, not an object, a field of the wrong type, an id that is not one, invalid
/// Unicode (a lone surrogate escape). At most 64 KiB.
/// </summary>
public sealed class MessageBody
{
    private const int MaxBodyBytes = 64 * 1024;
    private readonly JsonElement root;

    private MessageBody(JsonElement root) => this.root = root;

    /// <summary>Reads the body; an empty body is an empty object when <paramref name="optional"/>.</summary>
    public static async Task<(MessageBody? Body, RealtimeRefusal? Refusal)> ReadAsync(HttpRequest request, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, new RealtimeRefusal("too_large", "The body is larger than 64 KiB.", StatusCodes.Status413PayloadTooLarge));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, new RealtimeRefusal("too_large", "The body is larger than 64 KiB.", StatusCodes.Status413PayloadTooLarge));
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0 && optional)
        {
            return (new MessageBody(JsonDocument.Parse("{}").RootElement.Clone()), null);
        }
        if (!request.HasJsonContentType())
        {
            return (null, new RealtimeRefusal("unsupported_media_type", "Send a JSON body with Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType));
        }
        try
        {
            using var json = JsonDocument.Parse(buffer.ToArray());
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? (new MessageBody(json.RootElement.Clone()), null)
                : (null, new RealtimeRefusal("bad_request", "The body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, new RealtimeRefusal("bad_json", "The body is not valid JSON."));
        }
    }

    /// <summary>A string field: its value (null when absent or null), or why it is wrong.</summary>
    public (string? Value, RealtimeRefusal? Refusal) Text(string name, bool required)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? (null, new RealtimeRefusal("bad_request", $"'{name}' is required.")) : (null, null);
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            return (null, new RealtimeRefusal("bad_request", $"'{name}' must be a string."));
        }
        try
        {
            return (value.GetString(), null);
        }
        catch (InvalidOperationException)
        {
            return (null, new RealtimeRefusal("bad_request", $"'{name}' has invalid Unicode (an unpaired surrogate)."));
        }
    }

    /// <summary>An id field (a string holding a UUID): its value (null when absent), or why it is wrong.</summary>
    public (Guid? Value, RealtimeRefusal? Refusal) Id(string name)
    {
        var (text, refusal) = Text(name, false);
        if (refusal is not null || text is null)
        {
            return (null, refusal);
        }
        return Guid.TryParse(text, out var id) ? (id, null) : (null, new RealtimeRefusal("bad_request", $"'{name}' must be a message id."));
    }
}
