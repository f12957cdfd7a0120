using System.Text.Json.Serialization;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// What a connection may send on a session socket, on both protocols, in the original player's envelopes
/// <c>{"type", "payload": {…}}</c>:
/// <list type="bullet">
/// <item><c>playback_command {action: play|pause|seek|skip_next|skip_prev, position_ms?}</c></item>
/// <item><c>request_playlist_change {request_type: add|remove|reorder, payload: {track_id} | {item_id} | {item_id, new_position}}</c></item>
/// <item><c>approve_request</c>, <c>deny_request {request_id, reason?}</c></item>
/// <item><c>sync_ack {position_ms, drift_ms}</c>, <c>client_state {state: ready|buffering|in_sync|correcting, drift_ms?}</c></item>
/// <item><c>clock {t0}</c>, answered to the sender alone with <c>{"type":"clock","payload":{t0, t1, t2}}</c></item>
/// <item><c>chat_message {content}</c></item>
/// </list>
/// Numbers are numbers: <c>"10"</c> for <c>position_ms</c> is refused (the fabric's web defaults would read it).
/// Each says the power it needs (<see cref="IRequiresListenPower"/>), which the <see cref="ListenChannelPolicy"/> checks.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PlaybackCommand), "playback_command")]
[JsonDerivedType(typeof(PlaylistChangeCommand), "request_playlist_change")]
[JsonDerivedType(typeof(ApproveRequestCommand), "approve_request")]
[JsonDerivedType(typeof(DenyRequestCommand), "deny_request")]
[JsonDerivedType(typeof(SyncAckCommand), "sync_ack")]
[JsonDerivedType(typeof(ClientStateCommand), "client_state")]
[JsonDerivedType(typeof(ClockCommand), "clock")]
[JsonDerivedType(typeof(ChatMessageCommand), "chat_message")]
public abstract record ListenCommand : IRequiresListenPower
{
    /// <inheritdoc />
    [JsonIgnore]
    public abstract ListenPower Needs { get; }

    /// <summary>A bad_request refusal with <paramref name="detail"/>.</summary>
    protected static RealtimeRefusal Bad(string detail) => new("bad_request", detail);

    /// <summary>The id in <paramref name="text"/>, or null when it is not one.</summary>
    public static Guid? IdOf(string? text) => Guid.TryParse(text, out var id) ? id : null;
}

/// <summary><c>playback_command</c>: play, pause, seek, skip.</summary>
public sealed record PlaybackCommand : ListenCommand, ICommandValidation
{
    /// <summary>The action and its position.</summary>
    public required PlaybackPayload Payload { get; init; }

    /// <inheritdoc />
    public override ListenPower Needs => ListenPower.ControlPlayback;

    /// <inheritdoc />
    public RealtimeRefusal? Validate() =>
        !ControlPlayback.Actions.Contains(Payload.Action) ? Bad("\"action\" must be play, pause, seek, skip_next or skip_prev.")
        : Payload.Action == "seek" && Payload.PositionMs is null ? Bad("A seek needs \"position_ms\".")
        : null;
}

/// <summary>The payload of <see cref="PlaybackCommand"/>.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record PlaybackPayload
{
    /// <summary>play, pause, seek, skip_next or skip_prev.</summary>
    public required string Action { get; init; }

    /// <summary>Where to seek, in milliseconds (seek only).</summary>
    public long? PositionMs { get; init; }

    /// <summary>The original player's track hint; ignored (the server knows the current item).</summary>
    public string? TrackId { get; init; }
}

/// <summary><c>request_playlist_change</c>: add, remove or reorder; a guest's becomes a request unless guests control the queue.</summary>
public sealed record PlaylistChangeCommand : ListenCommand, ICommandValidation
{
    /// <summary>The change.</summary>
    public required PlaylistChangePayload Payload { get; init; }

    /// <inheritdoc />
    public override ListenPower Needs => ListenPower.Listen;

    /// <inheritdoc />
    public RealtimeRefusal? Validate() => Payload.RequestType switch
    {
        "add" when IdOf(Payload.Payload.TrackId) is null => Bad("An add needs \"track_id\", a track's id."),
        "remove" or "reorder" when IdOf(Payload.Payload.ItemId) is null => Bad("A remove or reorder needs \"item_id\", a queue item's id."),
        "reorder" when Payload.Payload.NewPosition is null or < 0 => Bad("A reorder needs \"new_position\", 0 or more."),
        "add" or "remove" or "reorder" => null,
        _ => Bad("\"request_type\" must be add, remove or reorder."),
    };
}

/// <summary>The payload of <see cref="PlaylistChangeCommand"/>.</summary>
public sealed record PlaylistChangePayload
{
    /// <summary>add, remove or reorder.</summary>
    public required string RequestType { get; init; }

    /// <summary>What to change.</summary>
    public required PlaylistChangeTarget Payload { get; init; }
}

/// <summary>The target of a playlist change.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record PlaylistChangeTarget
{
    /// <summary>The library track to add.</summary>
    public string? TrackId { get; init; }

    /// <summary>The queue item to remove or move.</summary>
    public string? ItemId { get; init; }

    /// <summary>Where to move it, 0-based.</summary>
    public int? NewPosition { get; init; }
}

/// <summary><c>approve_request</c>.</summary>
public sealed record ApproveRequestCommand : ListenCommand, ICommandValidation
{
    /// <summary>The request and an optional reason.</summary>
    public required DecisionPayload Payload { get; init; }

    /// <inheritdoc />
    public override ListenPower Needs => ListenPower.Manage;

    /// <inheritdoc />
    public RealtimeRefusal? Validate() => Payload.Validate();
}

/// <summary><c>deny_request</c>.</summary>
public sealed record DenyRequestCommand : ListenCommand, ICommandValidation
{
    /// <summary>The request and an optional reason.</summary>
    public required DecisionPayload Payload { get; init; }

    /// <inheritdoc />
    public override ListenPower Needs => ListenPower.Manage;

    /// <inheritdoc />
    public RealtimeRefusal? Validate() => Payload.Validate();
}

/// <summary>The payload of a decision: <c>{request_id, reason?}</c>.</summary>
public sealed record DecisionPayload
{
    /// <summary>The request's id.</summary>
    public required string RequestId { get; init; }

    /// <summary>Why, at most 200 characters.</summary>
    public string? Reason { get; init; }

    /// <summary>Null when well formed.</summary>
    public RealtimeRefusal? Validate() =>
        ListenCommand.IdOf(RequestId) is null ? new RealtimeRefusal("bad_request", "\"request_id\" must be a request's id.")
        : Reason is { Length: > ListenRequest.MaxReasonLength } ? new RealtimeRefusal("bad_request", $"\"reason\" is at most {ListenRequest.MaxReasonLength} characters.")
        : null;
}

/// <summary><c>sync_ack</c>: the player's periodic report of where it is and how far from the expected position.</summary>
public sealed record SyncAckCommand : ListenCommand
{
    /// <summary>The report.</summary>
    public required SyncAckPayload Payload { get; init; }

    /// <inheritdoc />
    public override ListenPower Needs => ListenPower.Listen;
}

/// <summary>The payload of <see cref="SyncAckCommand"/>.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record SyncAckPayload
{
    /// <summary>The player's position, in ms.</summary>
    public long? PositionMs { get; init; }

    /// <summary>Its drift from the expected position, in ms (positive: ahead).</summary>
    public double? DriftMs { get; init; }
}

/// <summary><c>client_state</c>: the player's sync state, shown in the member list and awaited before play starts.</summary>
public sealed record ClientStateCommand : ListenCommand, ICommandValidation
{
    /// <summary>The state.</summary>
    public required ClientStatePayload Payload { get; init; }

    /// <inheritdoc />
    public override ListenPower Needs => ListenPower.Listen;

    /// <inheritdoc />
    public RealtimeRefusal? Validate() =>
        ListenSyncStates.States.Contains(Payload.State) ? null : Bad("\"state\" must be ready, buffering, in_sync or correcting.");
}

/// <summary>The payload of <see cref="ClientStateCommand"/>.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record ClientStatePayload
{
    /// <summary>ready, buffering, in_sync or correcting.</summary>
    public required string State { get; init; }

    /// <summary>Drift from the expected position, in ms.</summary>
    public double? DriftMs { get; init; }
}

/// <summary><c>clock</c>: one NTP-style exchange; the server answers at once with when it received and sent the answer.</summary>
public sealed record ClockCommand : ListenCommand
{
    /// <summary>The client's send time, echoed back.</summary>
    public required ClockPayload Payload { get; init; }

    /// <inheritdoc />
    public override ListenPower Needs => ListenPower.Listen;
}

/// <summary>The payload of <see cref="ClockCommand"/>.</summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed record ClockPayload
{
    /// <summary>The client's clock when it sent the message (its own unit, echoed as is).</summary>
    public required double T0 { get; init; }
}

/// <summary><c>chat_message</c>: a chat line beside the music.</summary>
public sealed record ChatMessageCommand : ListenCommand
{
    /// <summary>The text.</summary>
    public required ChatPayload Payload { get; init; }

    /// <inheritdoc />
    public override ListenPower Needs => ListenPower.Listen;
}

/// <summary>The payload of <see cref="ChatMessageCommand"/>.</summary>
public sealed record ChatPayload
{
    /// <summary>1 to 2,000 characters.</summary>
    public required string Content { get; init; }
}
