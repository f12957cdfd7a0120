using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Someone says something in a room, to everyone or privately: checked, then persisted and published through
/// <see cref="RoomEventLog"/>. Nothing is stored when it is refused.
/// </summary>
public sealed class SendRoomMessage(RoomEventLog log, PresenceService presence, RoomRateLimits limits)
{
    /// <summary>Carries out <paramref name="request"/> for the sender. Returns null on success, else why it was refused.</summary>
    public async Task<RealtimeRefusal?> HandleAsync(string roomId, Guid userId, string userName, RoomRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request is not InvalidRequest && !limits.TryChat(userId, out var retryAfter))
        {
            // The page keeps the text in the composer with this notice, so it can be sent as soon as the wait is over.
            var wait = RateLimits.Seconds(retryAfter, atLeast: 0);
            return new RealtimeRefusal("rate_limited", wait > 0
                ? $"You are sending messages too fast. Your message is kept: send it again in {wait} second{(wait == 1 ? "" : "s")}."
                : "You are sending messages too fast. Your message is kept: wait a few seconds and send it again.", StatusCodes.Status429TooManyRequests);
        }
        switch (request)
        {
            case InvalidRequest invalid:
                return new RealtimeRefusal(invalid.Code, invalid.Detail);
            case ChatRequest chat:
                if (Check(chat.Text) is { } chatRefusal)
                {
                    return chatRefusal;
                }
                return await log.AppendAsync(roomId, RoomMessageKind.Chat, userId, userName, chat.Text, cancellationToken) is null ? Closed : null;
            case PrivateRequest pm:
                if (Check(pm.Text) is { } pmRefusal)
                {
                    return pmRefusal;
                }
                var recipient = presence.Present(ChannelId.Room(roomId)).FirstOrDefault(p => string.Equals(p.UserName, pm.To, StringComparison.OrdinalIgnoreCase));
                if (recipient is null)
                {
                    return new RealtimeRefusal("recipient_offline", $"{pm.To} is not in the room.");
                }
                var sent = await log.AppendAsync(roomId, RoomMessageKind.Private, userId, userName, pm.Text, cancellationToken, recipient.UserId, recipient.UserName);
                return sent is null ? Closed : null;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.GetType().Name, "unknown request");
        }
    }

    private static readonly RealtimeRefusal Closed = new("room_closed", "This room is closed.");

    private static RealtimeRefusal? Check(string text) =>
        string.IsNullOrWhiteSpace(text) ? new RealtimeRefusal("empty_message", "Type a message before sending.")
        : text.Length > RoomMessage.MaxTextLength ? new RealtimeRefusal("message_too_long", $"Messages are limited to {RoomMessage.MaxTextLength:N0} characters; this one has {text.Length:N0}.")
        : null;
}
