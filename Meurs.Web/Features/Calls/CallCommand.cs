using System.Text.Json.Serialization;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// What a client may send on <c>/ws/voice/{id}</c>: <c>{"type":"state","muted","deafened","camera","screen"}</c> (four
/// booleans, all required), <c>{"type":"publish","sdp","sources":{mid: source}}</c> (the publish connection's offer) and
/// <c>{"type":"subscribe-answer","sdp"}</c> (the answer to our latest subscribe offer).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StateCommand), "state")]
[JsonDerivedType(typeof(PublishCommand), "publish")]
[JsonDerivedType(typeof(SubscribeAnswerCommand), "subscribe-answer")]
public abstract record CallCommand;

/// <summary>The participant's new media state (deafened implies muted).</summary>
public sealed record StateCommand : CallCommand
{
    /// <summary>True when their microphone sends nothing.</summary>
    public required bool Muted { get; init; }

    /// <summary>True when they receive no audio.</summary>
    public required bool Deafened { get; init; }

    /// <summary>True when their camera is on.</summary>
    public required bool Camera { get; init; }

    /// <summary>True when they share a screen.</summary>
    public required bool Screen { get; init; }

    /// <summary>As a <see cref="CallMediaState"/>.</summary>
    [JsonIgnore]
    public CallMediaState State => new(Muted, Deafened, Camera, Screen);
}

/// <summary>The publish connection's offer and what each of its mids carries.</summary>
public sealed record PublishCommand : CallCommand
{
    /// <summary>The offer (RFC 8866).</summary>
    public required string Sdp { get; init; }

    /// <summary>mid → mic, camera, screen or screen-audio.</summary>
    public IReadOnlyDictionary<string, string>? Sources { get; init; }
}

/// <summary>The answer to our latest subscribe offer.</summary>
public sealed record SubscribeAnswerCommand : CallCommand
{
    /// <summary>The answer (RFC 8866).</summary>
    public required string Sdp { get; init; }
}
