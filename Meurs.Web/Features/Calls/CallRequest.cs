using System.Text.Json;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// What a client asked of a call in one message on <c>/ws/voice/{id}</c>:
/// <c>{"type":"state","muted":bool,"deafened":bool,"camera":bool,"screen":bool}</c> (all four required),
/// <c>{"type":"publish","sdp","sources":{mid: source}}</c> (the publish connection's offer) and
/// <c>{"type":"subscribe-answer","sdp"}</c> (the answer to our latest subscribe offer).
/// Anything else reads as a <see cref="CallRefusal"/> with a stable code.
/// </summary>
public abstract record CallRequest
{
    /// <summary>Parses one text message; never throws.</summary>
    public static CallRequest Parse(string frame)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return new CallRefusal("bad_json", "Messages are JSON objects.");
        }
        using (document)
        {
            var json = document.RootElement;
            if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return new CallRefusal("bad_request", "A message is an object with a string \"type\".");
            }
            return type.GetString() switch
            {
                "state" => StateRequest.From(json),
                "publish" => PublishRequest.From(json),
                "subscribe-answer" => json.TryGetProperty("sdp", out var sdp) && sdp.ValueKind == JsonValueKind.String
                    ? new SubscribeAnswerRequest(sdp.GetString()!)
                    : new CallRefusal("bad_request", "A subscribe-answer needs a string \"sdp\"."),
                var other => new CallRefusal("unknown_type", $"Unknown message type '{(other!.Length > 32 ? other[..32] + "…" : other)}'."),
            };
        }
    }
}

/// <summary>The participant's new media state.</summary>
/// <param name="State">As sent; the roster normalizes it.</param>
public sealed record StateRequest(CallMediaState State) : CallRequest
{
    internal static CallRequest From(JsonElement json)
    {
        bool? Flag(string name) => json.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
        return (Flag("muted"), Flag("deafened"), Flag("camera"), Flag("screen")) is (bool muted, bool deafened, bool camera, bool screen)
            ? new StateRequest(new CallMediaState(muted, deafened, camera, screen))
            : new CallRefusal("bad_request", "A state message needs booleans \"muted\", \"deafened\", \"camera\" and \"screen\".");
    }
}

/// <summary>A message that cannot be acted on, answered with <c>{"type":"error","code","detail"}</c>; the socket stays open.</summary>
/// <param name="Code">Stable code: <c>bad_json</c>, <c>bad_request</c>, <c>unknown_type</c>.</param>
/// <param name="Detail">A sentence for people.</param>
public sealed record CallRefusal(string Code, string Detail) : CallRequest;

/// <summary>The publish connection's offer and what each of its mids carries.</summary>
/// <param name="Sdp">The offer (RFC 8866).</param>
/// <param name="Sources">mid → mic, camera, screen or screen-audio.</param>
public sealed record PublishRequest(string Sdp, IReadOnlyDictionary<string, string> Sources) : CallRequest
{
    internal static CallRequest From(JsonElement json)
    {
        if (!json.TryGetProperty("sdp", out var sdp) || sdp.ValueKind != JsonValueKind.String)
        {
            return new CallRefusal("bad_request", "A publish message needs a string \"sdp\".");
        }
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json.TryGetProperty("sources", out var map))
        {
            if (map.ValueKind != JsonValueKind.Object)
            {
                return new CallRefusal("bad_request", "\"sources\" maps mids to mic, camera, screen or screen-audio.");
            }
            foreach (var entry in map.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.String)
                {
                    return new CallRefusal("bad_request", "\"sources\" maps mids to mic, camera, screen or screen-audio.");
                }
                sources[entry.Name] = entry.Value.GetString()!;
            }
        }
        return new PublishRequest(sdp.GetString()!, sources);
    }
}

/// <summary>The answer to our latest subscribe offer.</summary>
/// <param name="Sdp">The answer (RFC 8866).</param>
public sealed record SubscribeAnswerRequest(string Sdp) : CallRequest;
