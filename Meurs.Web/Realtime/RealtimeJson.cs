using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meurs.Web.Realtime;

/// <summary>
/// The JSON conventions of every socket: snake_case names, nulls left out, the command's <c>"type"</c> anywhere in the
/// object, and the envelopes <c>{"type":"resource.action","data":{…}}</c> and <c>{"type":"error","code","detail"}</c>.
/// </summary>
public static class RealtimeJson
{
    /// <summary>The serializer options for commands and envelopes.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        RespectNullableAnnotations = true,
        MaxDepth = 16,
    };

    /// <summary>The envelope <c>{"type":<paramref name="type"/>,"data":<paramref name="data"/>}</c>, with <paramref name="data"/> in snake_case.</summary>
    public static string Envelope<T>(string type, T data) => JsonSerializer.Serialize(new EnvelopeOf<T>(type, data), Options);

    /// <summary>A refusal: <c>{"type":"error","code","detail"}</c>.</summary>
    public static string Error(RealtimeRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return JsonSerializer.Serialize(new { type = "error", code = refusal.Code, detail = refusal.Detail }, Options);
    }

    private sealed record EnvelopeOf<T>(string Type, T Data);
}
