using System.Text.Json.Serialization;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// What a program may send on <c>/api/ws/voice/{channel_id}</c>, in the Chat system's names:
/// <c>{"type":"state","is_muted","is_deafened","is_sharing_screen","is_sharing_webcam"}</c> (any of the four booleans,
/// at least one; those left out keep their value, so <c>{"type":"state","is_muted":true}</c> mutes),
/// <c>{"type":"publish","sdp","sources":{mid: source}}</c> and <c>{"type":"subscribe-answer","sdp"}</c> (the media
/// signalling with Meurs.Media, as on <c>/ws/voice/{id}</c>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(VoiceStateCommand), "state")]
[JsonDerivedType(typeof(VoicePublishCommand), "publish")]
[JsonDerivedType(typeof(VoiceSubscribeAnswerCommand), "subscribe-answer")]
public abstract record VoiceCommand;

/// <summary>A change of the participant's media state; a flag left out keeps its value (deafened still implies muted).</summary>
public sealed record VoiceStateCommand : VoiceCommand, ICommandValidation
{
    /// <summary>True to mute the microphone, false to unmute; null to keep.</summary>
    public bool? IsMuted { get; init; }

    /// <summary>True to stop receiving audio, false to receive it again; null to keep.</summary>
    public bool? IsDeafened { get; init; }

    /// <summary>True when sharing a screen; null to keep.</summary>
    public bool? IsSharingScreen { get; init; }

    /// <summary>True when the camera is on; null to keep.</summary>
    public bool? IsSharingWebcam { get; init; }

    /// <summary><paramref name="current"/> with the flags this command sets.</summary>
    public CallMediaState Apply(CallMediaState current) => new(
        IsMuted ?? current.Muted,
        IsDeafened ?? current.Deafened,
        IsSharingWebcam ?? current.Camera,
        IsSharingScreen ?? current.Screen);

    /// <inheritdoc />
    public RealtimeRefusal? Validate() =>
        IsMuted is null && IsDeafened is null && IsSharingScreen is null && IsSharingWebcam is null
            ? new RealtimeRefusal("bad_request", "A state message sets at least one of is_muted, is_deafened, is_sharing_screen and is_sharing_webcam (booleans).")
            : null;
}

/// <summary>The publish connection's offer and what each of its mids carries (as <see cref="PublishCommand"/>).</summary>
public sealed record VoicePublishCommand : VoiceCommand
{
    /// <summary>The offer (RFC 8866).</summary>
    public required string Sdp { get; init; }

    /// <summary>mid → mic, camera, screen or screen-audio.</summary>
    public IReadOnlyDictionary<string, string>? Sources { get; init; }
}

/// <summary>The answer to our latest subscribe offer (as <see cref="SubscribeAnswerCommand"/>).</summary>
public sealed record VoiceSubscribeAnswerCommand : VoiceCommand
{
    /// <summary>The answer (RFC 8866).</summary>
    public required string Sdp { get; init; }
}
