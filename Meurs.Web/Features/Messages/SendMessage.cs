using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Sends a message to a text channel: markdown text up to <see cref="Message.MaxContentLength"/> characters, an optional
/// reply to a message of the same channel, and up to <see cref="MessagesOptions.MaxAttachments"/> staged files; text or
/// at least one file. Needs SendMessages, and AttachFiles with files, and every <see cref="ISendRule"/> registered. Mentions are parsed and counted; the message is
/// saved with the channel's next sequence number, then published as <see cref="MessageSent"/>, and the others who see the channel get their unread state (<see cref="UnreadNotifier"/>). Staged files are used or
/// deleted whatever the outcome.
/// </summary>
public sealed class SendMessage(MeursDbContext db, MessageQueries queries, AttachmentStore store, RealtimeHub hub, UnreadNotifier unread, TimeProvider clock, IOptions<MessagesOptions> options, IEnumerable<ISendRule> rules)
{
    /// <summary>Sends; see the class.</summary>
    public async Task<MessageOutcome> HandleAsync(ChannelUser author, Guid channelId, string? content, Guid? replyToId, IReadOnlyList<StagedFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(files);
        try
        {
            var required = Permissions.SendMessages | (files.Count > 0 ? Permissions.AttachFiles : Permissions.None);
            var (access, refusal) = await queries.AccessAsync(channelId, author.Id, required, cancellationToken);
            if (refusal is not null)
            {
                return MessageOutcome.Refused(refusal);
            }
            foreach (var rule in rules)
            {
                if (await rule.CheckAsync(access!, author, cancellationToken) is { } ruled)
                {
                    return MessageOutcome.Refused(ruled);
                }
            }
            if (MessageText.Check(content, files.Count > 0) is { } bad)
            {
                return MessageOutcome.Refused(bad);
            }
            if (files.Count > options.Value.MaxAttachments)
            {
                return MessageOutcome.Refused(new RealtimeRefusal("too_many_files", $"A message takes at most {options.Value.MaxAttachments} files."));
            }
            if (replyToId is { } reply && !await db.Messages.AnyAsync(m => m.Id == reply && m.ChannelId == channelId, cancellationToken))
            {
                return MessageOutcome.Refused(new RealtimeRefusal("bad_reply", "reply_to_id is not a message of this channel."));
            }
            var text = content ?? "";
            var mentions = await queries.MentionsAsync(access!.Channel, text, access.Has(Permissions.MentionEveryone), cancellationToken);
            var reached = await queries.ReachAsync(access.Channel, mentions, cancellationToken);
            reached.Remove(author.Id);

            var outcome = await hub.WriteAsync(ChannelId.Channel(channelId), async write =>
            {
                var message = new Message
                {
                    ChannelId = channelId, Seq = write.NextSeq(), AuthorId = author.Id, AuthorName = author.Name, Content = text,
                    ReplyToId = replyToId, CreatedAt = clock.GetUtcNow().UtcDateTime, MentionsEveryone = mentions.Everyone,
                };
                message.Mentions.AddRange(MessageQueries.Rows(message.Id, mentions));
                var attachments = new List<MessageAttachment>();
                try
                {
                    foreach (var file in files)
                    {
                        attachments.Add(store.Commit(file, message.Id));
                    }
                    message.Attachments.AddRange(attachments);
                    db.Messages.Add(message);
                    await queries.CountMentionsAsync(channelId, reached, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch
                {
                    store.Delete(attachments);
                    throw;
                }
                var sent = (await queries.FindAsync(channelId, message.Id, cancellationToken))!;
                write.Publish(new MessageSent(sent));
                return new MessageOutcome(sent, null);
            }, cancellationToken);
            await unread.MessageArrivedAsync(access.Channel, author.Id, cancellationToken);
            return outcome;
        }
        finally
        {
            AttachmentStore.Discard(files);
        }
    }
}
