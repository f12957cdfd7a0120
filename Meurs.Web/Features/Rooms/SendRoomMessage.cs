namespace Meurs.Web.Features.Rooms;

/// <summary>Someone says something in a room: checked, then persisted and published through <see cref="RoomEventLog"/>.</summary>
public sealed class SendRoomMessage(RoomEventLog log)
{
    /// <summary>
    /// Validates and appends <paramref name="text"/>. Returns null on success, else the reason it was refused
    /// (empty, too long, room gone), phrased for the person who sent it. Nothing is stored on refusal.
    /// </summary>
    public async Task<string?> HandleAsync(string roomId, Guid userId, string userName, string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Type a message before sending.";
        }
        if (text.Length > RoomMessage.MaxTextLength)
        {
            return $"Messages are limited to {RoomMessage.MaxTextLength:N0} characters; this one has {text.Length:N0}.";
        }
        var message = await log.AppendAsync(roomId, RoomMessageKind.Chat, userId, userName, text, cancellationToken);
        return message is null ? "This room is closed." : null;
    }
}
