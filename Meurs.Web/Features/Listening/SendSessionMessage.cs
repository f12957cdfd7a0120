using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>Writes in a session's chat, for its members: 1 to 2,000 characters of valid Unicode (400 otherwise).</summary>
public sealed class SendSessionMessage(ListenGate gate)
{
    /// <summary>Posts <paramref name="content"/> by <paramref name="actor"/>; published as <c>chat_message</c>.</summary>
    public Task<ListenResult<SessionMessagePosted>> HandleAsync(ChannelUser actor, Guid sessionId, string? content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (ListenText.Check(content, "content", ListenMessage.MaxLength, required: true) is { } bad)
        {
            return Task.FromResult<ListenResult<SessionMessagePosted>>(bad);
        }
        return gate.ChangeAsync<SessionMessagePosted>(sessionId, actor, ListenPower.Listen, change =>
        {
            var message = new ListenMessage { SessionId = sessionId, AuthorId = actor.Id, Content = content!, CreatedAt = change.NowUtc };
            change.Db.ListenMessages.Add(message);
            var posted = new SessionMessagePosted(message, actor.Name);
            change.Publish(posted);
            return Task.FromResult<ListenResult<SessionMessagePosted>>(posted);
        }, cancellationToken);
    }
}
