using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// Attaches staged files to one's own existing message (the Chat system's upload after sending): needs AttachFiles; a
/// message holds at most <see cref="MessagesOptions.MaxAttachments"/> files. Published as <see cref="MessageEdited"/>
/// (<c>message.updated</c>). Staged files are used or deleted whatever the outcome.
/// </summary>
public sealed class AddAttachments(MeursDbContext db, MessageQueries queries, AttachmentStore store, RealtimeHub hub, IOptions<MessagesOptions> options)
{
    /// <summary>Attaches; the message as it is now, or the refusal.</summary>
    public async Task<MessageOutcome> HandleAsync(ChannelUser user, Guid channelId, Guid messageId, IReadOnlyList<StagedFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(files);
        try
        {
            var (_, refusal) = await queries.AccessAsync(channelId, user.Id, Permissions.AttachFiles, cancellationToken);
            if (refusal is not null)
            {
                return MessageOutcome.Refused(refusal);
            }
            if (files.Count == 0)
            {
                return MessageOutcome.Refused(new RealtimeRefusal("no_file", "Send at least one file in a part named \"file\"."));
            }
            return await hub.WriteAsync(ChannelId.Channel(channelId), async write =>
            {
                var message = await db.Messages.Include(m => m.Attachments).FirstOrDefaultAsync(m => m.Id == messageId && m.ChannelId == channelId, cancellationToken);
                if (message is null)
                {
                    return MessageOutcome.Refused(MessageOutcome.MessageNotFound);
                }
                if (message.AuthorId != user.Id)
                {
                    return MessageOutcome.Refused(RealtimeRefusal.Forbidden("You can only attach files to your own messages."));
                }
                if (message.Attachments.Count + files.Count > options.Value.MaxAttachments)
                {
                    return MessageOutcome.Refused(new RealtimeRefusal("too_many_files", $"A message takes at most {options.Value.MaxAttachments} files."));
                }
                var added = new List<MessageAttachment>();
                try
                {
                    foreach (var file in files)
                    {
                        added.Add(store.Commit(file, message.Id));
                    }
                    db.MessageAttachments.AddRange(added);
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch
                {
                    store.Delete(added);
                    throw;
                }
                var changed = (await queries.FindAsync(channelId, messageId, cancellationToken))!;
                write.Publish(new MessageEdited(changed));
                return new MessageOutcome(changed, null);
            }, cancellationToken);
        }
        finally
        {
            AttachmentStore.Discard(files);
        }
    }
}
