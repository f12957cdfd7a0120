using System.Text.Json.Serialization;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// What a connection may send on a room socket, on both protocols (an hx-ws form with no <c>"type"</c> is a chat):
/// <c>{"type":"chat","text"}</c>, <c>{"type":"pm","to","text"}</c>, <c>{"type":"file","transfer_id","filename","size","mime"?}</c>,
/// <c>{"type":"leave"}</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ChatCommand), "chat")]
[JsonDerivedType(typeof(PrivateMessageCommand), "pm")]
[JsonDerivedType(typeof(FileCommand), "file")]
[JsonDerivedType(typeof(LeaveCommand), "leave")]
public abstract record RoomCommand;

/// <summary>Leave the room on purpose (<c>{"type":"leave"}</c>): for the owner the history is cleared at once; then the socket closes normally.</summary>
public sealed record LeaveCommand : RoomCommand;

/// <summary>Say <see cref="Text"/> to everyone (on a page, a text starting with <c>/pm name </c> is private, as in the CLI).</summary>
public sealed record ChatCommand : RoomCommand
{
    /// <summary>What was typed.</summary>
    public required string Text { get; init; }
}

/// <summary>Say <see cref="Text"/> to <see cref="To"/> only, who must be in the room.</summary>
public sealed record PrivateMessageCommand : RoomCommand, ICommandValidation
{
    /// <summary>The recipient's username.</summary>
    public required string To { get; init; }

    /// <summary>What was typed.</summary>
    public required string Text { get; init; }

    /// <inheritdoc />
    public RealtimeRefusal? Validate() =>
        string.IsNullOrWhiteSpace(To) ? new RealtimeRefusal("bad_request", "A private message needs string \"to\" and \"text\".") : null;
}

/// <summary>
/// Announces a direct transfer (the original app's file relay): binary frames tagged with <see cref="TransferId"/> follow,
/// <see cref="Size"/> bytes in all. Nothing is stored.
/// </summary>
public sealed record FileCommand : RoomCommand, ICommandValidation
{
    /// <summary>The sender's id for the transfer: 1–64 of A–Z, a–z, 0–9, '-', '_'.</summary>
    public required string TransferId { get; init; }

    /// <summary>The file's name (cleaned to a plain name before anyone sees it).</summary>
    [JsonPropertyName("filename")]
    public required string FileName { get; init; }

    /// <summary>Bytes to come, positive.</summary>
    public required long Size { get; init; }

    /// <summary>The sender's idea of the type, 1–100 characters; informative only.</summary>
    public string? Mime { get; init; }

    /// <summary>The cleaned file name.</summary>
    public string CleanName => FileSignature.CleanName(FileName) ?? "";

    /// <summary>The announced type, or <c>application/octet-stream</c>.</summary>
    public string MimeOrDefault => Mime is { Length: > 0 and <= 100 } ? Mime : "application/octet-stream";

    /// <inheritdoc />
    public RealtimeRefusal? Validate() =>
        !RoomFileRelay.IsTransferId(TransferId) ? new RealtimeRefusal("bad_request", "transfer_id must be 1-64 characters of A-Z, a-z, 0-9, '-' or '_'.")
        : Size <= 0 || string.IsNullOrEmpty(CleanName) ? new RealtimeRefusal("bad_request", "A file needs a string \"filename\" and a positive integer \"size\".")
        : null;
}
