using System.Text.Json.Serialization;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// What a connection may send on a channel socket. Pages (<c>/ws/channels/{id}</c>): <c>send</c> (the default: an hx-ws
/// form's <c>{"content","reply_to"?}</c>), <c>typing</c>, <c>read {"message_id"?}</c>, <c>edit {"message_id","content"}</c>,
/// <c>delete {"message_id"}</c>, <c>react {"message_id","emoji"}</c> (toggles), <c>pin</c>/<c>unpin {"message_id"}</c>.
/// Programs (<c>/api/ws/channels/{id}</c>): <c>typing</c> and <c>read</c>; they send and change messages through REST.
/// Ids are strings (form fields), checked when read. Each names the permissions the channel's policy must see
/// (<see cref="IRequiresPermissions"/>); the use case checks the rest (whose message it is).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SendCommand), "send")]
[JsonDerivedType(typeof(TypingCommand), "typing")]
[JsonDerivedType(typeof(ReadCommand), "read")]
[JsonDerivedType(typeof(EditCommand), "edit")]
[JsonDerivedType(typeof(DeleteCommand), "delete")]
[JsonDerivedType(typeof(ReactCommand), "react")]
[JsonDerivedType(typeof(PinCommand), "pin")]
[JsonDerivedType(typeof(UnpinCommand), "unpin")]
public abstract record ChannelCommand : IRequiresPermissions
{
    /// <inheritdoc />
    [JsonIgnore]
    public virtual Permissions Required => Permissions.None;

    /// <summary>Reads an id field: null when absent or empty, false when malformed.</summary>
    protected static bool TryId(string? text, out Guid? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (Guid.TryParse(text.Trim(), out var parsed))
        {
            id = parsed;
            return true;
        }
        return false;
    }

    /// <summary>The refusal of a malformed id field.</summary>
    protected static RealtimeRefusal BadId(string field) => new("bad_request", $"\"{field}\" must be a message id.");
}

/// <summary>Send <see cref="Content"/>, perhaps as a reply.</summary>
public sealed record SendCommand : ChannelCommand, ICommandValidation
{
    /// <summary>The markdown text.</summary>
    public required string Content { get; init; }

    /// <summary>The id of the message replied to, or null/empty.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The reply's id once validated.</summary>
    [JsonIgnore]
    public Guid? ReplyToId => TryId(ReplyTo, out var id) ? id : null;

    /// <inheritdoc />
    public override Permissions Required => Permissions.SendMessages;

    /// <inheritdoc />
    public RealtimeRefusal? Validate() => TryId(ReplyTo, out _) ? null : BadId("reply_to");
}

/// <summary>"I am typing."</summary>
public sealed record TypingCommand : ChannelCommand
{
    /// <inheritdoc />
    public override Permissions Required => Permissions.SendMessages;
}

/// <summary>Mark the channel read up to <see cref="MessageId"/> (default: the newest message).</summary>
public sealed record ReadCommand : ChannelCommand, ICommandValidation
{
    /// <summary>The last message read, or null.</summary>
    public string? MessageId { get; init; }

    /// <summary>The id once validated.</summary>
    [JsonIgnore]
    public Guid? Id => TryId(MessageId, out var id) ? id : null;

    /// <inheritdoc />
    public RealtimeRefusal? Validate() => TryId(MessageId, out _) ? null : BadId("message_id");
}

/// <summary>A command on one message, named by <see cref="MessageId"/>.</summary>
public abstract record MessageCommand : ChannelCommand, ICommandValidation
{
    /// <summary>The message.</summary>
    public required string MessageId { get; init; }

    /// <summary>The id once validated.</summary>
    [JsonIgnore]
    public Guid Id => Guid.TryParse(MessageId?.Trim(), out var id) ? id : Guid.Empty;

    /// <inheritdoc />
    public virtual RealtimeRefusal? Validate() => Guid.TryParse(MessageId?.Trim(), out _) ? null : BadId("message_id");
}

/// <summary>Replace one's own message's text with <see cref="Content"/>.</summary>
public sealed record EditCommand : MessageCommand
{
    /// <summary>The new markdown text.</summary>
    public required string Content { get; init; }
}

/// <summary>Delete a message (one's own, or any with ManageMessages).</summary>
public sealed record DeleteCommand : MessageCommand;

/// <summary>Toggle one's reaction <see cref="Emoji"/> on a message.</summary>
public sealed record ReactCommand : MessageCommand
{
    /// <summary>One emoji.</summary>
    public required string Emoji { get; init; }
}

/// <summary>Pin a message.</summary>
public sealed record PinCommand : MessageCommand
{
    /// <inheritdoc />
    public override Permissions Required => Permissions.ManageMessages;
}

/// <summary>Unpin a message.</summary>
public sealed record UnpinCommand : MessageCommand
{
    /// <inheritdoc />
    public override Permissions Required => Permissions.ManageMessages;
}
