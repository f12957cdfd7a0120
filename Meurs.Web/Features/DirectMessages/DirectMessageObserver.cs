using Meurs.Web.Features.Messages;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// Turns the Messages feature's events in a conversation into what its participants hear wherever they are: a message
/// sent becomes <see cref="DirectMessageCreated"/> and a message deleted <see cref="DirectMessageDeleted"/> on each
/// participant's own channel (with their unread counts); a conversation read (<see cref="ConversationRead"/>) sends the
/// reader their counts again; someone joining or leaving a conversation's call is told to every participant
/// (<see cref="ConversationCallChanged"/>). Messages of server channels are not its business (a channel with no participants).
/// </summary>
public sealed class DirectMessageObserver(IServiceScopeFactory scopes, RealtimeHub hub, ILogger<DirectMessageObserver> logger)
    : IEventObserver<MessageSent>, IEventObserver<MessageDeleted>, IEventObserver<ConversationRead>, IEventObserver<Calls.CallParticipantsChanged>
{
    /// <inheritdoc />
    public Task OnEventAsync(ChannelId channel, MessageSent e) => SafelyAsync(channel, () => SentAsync(e));

    private async Task SentAsync(MessageSent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var scope = scopes.CreateScope();
        var inboxes = scope.ServiceProvider.GetRequiredService<Inboxes>();
        var people = await inboxes.ParticipantsAsync(e.Message.Message.ChannelId, CancellationToken.None);
        if (people.Count == 0)
        {
            return;
        }
        var isGroup = people.Count > 2 || await IsGroupAsync(scope, e.Message.Message.ChannelId);
        var recipient = DirectMessageJson.RecipientOf(e.Message, people, isGroup);
        foreach (var person in people)
        {
            var inbox = await inboxes.InboxAsync(person.Id, CancellationToken.None);
            await hub.PublishAsync(ChannelId.User(person.Id), new DirectMessageCreated(e.Message, recipient, inbox));
        }
    }

    /// <inheritdoc />
    public Task OnEventAsync(ChannelId channel, MessageDeleted e) => SafelyAsync(channel, () => DeletedAsync(e));

    private async Task DeletedAsync(MessageDeleted e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var scope = scopes.CreateScope();
        var inboxes = scope.ServiceProvider.GetRequiredService<Inboxes>();
        foreach (var person in await inboxes.ParticipantsAsync(e.ChannelId, CancellationToken.None))
        {
            var inbox = await inboxes.InboxAsync(person.Id, CancellationToken.None);
            await hub.PublishAsync(ChannelId.User(person.Id), new DirectMessageDeleted(e.ChannelId, e.MessageId, inbox));
        }
    }

    /// <inheritdoc />
    public Task OnEventAsync(ChannelId channel, ConversationRead e) => SafelyAsync(channel, () => ReadAsync(e));

    private async Task ReadAsync(ConversationRead e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Inboxes>().PublishAsync([e.UserId], CancellationToken.None);
    }

    /// <inheritdoc />
    public Task OnEventAsync(ChannelId channel, Calls.CallParticipantsChanged e) => SafelyAsync(channel, () => CallChangedAsync(channel, e));

    private async Task CallChangedAsync(ChannelId channel, Calls.CallParticipantsChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        // A conversation's call has its channel's id (32 hex digits); a room's call a 7-character room id.
        if (channel.Kind != ChannelKind.Call || !Guid.TryParseExact(channel.Id, "N", out var channelId))
        {
            return;
        }
        using var scope = scopes.CreateScope();
        foreach (var person in await scope.ServiceProvider.GetRequiredService<Inboxes>().ParticipantsAsync(channelId, CancellationToken.None))
        {
            await hub.PublishAsync(ChannelId.User(person.Id), new ConversationCallChanged(channelId, e.Participants));
        }
    }

    // The message (or the call change) is saved and delivered already: telling the participants' other pages must not
    // turn it into a failure for the sender.
    private async Task SafelyAsync(ChannelId channel, Func<Task> notify)
    {
        try
        {
            await notify();
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or OperationCanceledException or System.Data.Common.DbException)
        {
            logger.LogError(ex, "Telling the participants of {Channel} failed", channel);
        }
    }

    private static async Task<bool> IsGroupAsync(IServiceScope scope, Guid channelId)
    {
        var db = scope.ServiceProvider.GetRequiredService<Data.MeursDbContext>();
        return await db.ServerChannels.AnyAsync(c => c.Id == channelId && c.Type == ChannelType.GroupDirectMessage);
    }
}
