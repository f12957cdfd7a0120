using Meurs.Web.Data;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Messages;

/// <summary>
/// A page of a channel's history by cursor (ids are time-ordered): the newest <c>limit</c>; or those just before a
/// message id; or just after one; or around one (half older, then the message itself and newer; a short side is filled from the other). Always oldest first.
/// <c>limit</c> is 1–<see cref="MaxLimit"/> (default <see cref="DefaultLimit"/>); at most one cursor. Needs ViewChannel.
/// </summary>
public sealed class ListMessages(MeursDbContext db, MessageQueries queries)
{
    /// <summary>Messages per page by default.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Most messages per page.</summary>
    public const int MaxLimit = 100;

    /// <summary>Which page.</summary>
    /// <param name="Before">Older than this id.</param>
    /// <param name="After">Newer than this id.</param>
    /// <param name="Around">Around this id.</param>
    /// <param name="Limit">How many, 1–100.</param>
    public sealed record Page(Guid? Before = null, Guid? After = null, Guid? Around = null, int Limit = DefaultLimit);

    /// <summary>A page of messages, oldest first, and whether older and newer ones exist beside it.</summary>
    /// <param name="Messages">The messages.</param>
    /// <param name="HasOlder">True when there are messages older than the first.</param>
    /// <param name="Refusal">Why it was refused, or null.</param>
    /// <param name="HasNewer">True when there are messages newer than the last (a page opened around or after an old
    /// message: the page must offer to load them, or live messages would follow it with a hole in between).</param>
    public sealed record Result(IReadOnlyList<ChannelMessage> Messages, bool HasOlder, RealtimeRefusal? Refusal, bool HasNewer = false);

    /// <summary>Lists; see the class.</summary>
    public async Task<Result> HandleAsync(Guid userId, Guid channelId, Page page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (_, refusal) = await queries.AccessAsync(channelId, userId, Permissions.None, cancellationToken);
        if (refusal is not null)
        {
            return new Result([], false, refusal);
        }
        if (page.Limit is < 1 or > MaxLimit)
        {
            return new Result([], false, new RealtimeRefusal("bad_request", $"limit must be 1-{MaxLimit}."));
        }
        if ((page.Before is null ? 0 : 1) + (page.After is null ? 0 : 1) + (page.Around is null ? 0 : 1) > 1)
        {
            return new Result([], false, new RealtimeRefusal("bad_request", "Give at most one of before, after and around."));
        }
        return await ReadAsync(channelId, page, cancellationToken);
    }

    /// <summary>The page without an access check (the channel's log, under the policy's own check).</summary>
    public async Task<Result> ReadAsync(Guid channelId, Page page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var channel = db.Messages.Where(m => m.ChannelId == channelId);
        IQueryable<Message> selected;
        if (page.After is { } after)
        {
            selected = channel.Where(m => m.Id.CompareTo(after) > 0).OrderBy(m => m.Id).Take(page.Limit);
        }
        else if (page.Around is { } around)
        {
            // Half older and half from the message on; when one side runs short the other fills the page.
            var olderIds = await channel.Where(m => m.Id.CompareTo(around) < 0).OrderByDescending(m => m.Id).Take(page.Limit).Select(m => m.Id).ToListAsync(cancellationToken);
            var newerIds = await channel.Where(m => m.Id.CompareTo(around) >= 0).OrderBy(m => m.Id).Take(page.Limit).Select(m => m.Id).ToListAsync(cancellationToken);
            var olderCount = Math.Min(olderIds.Count, Math.Max(page.Limit / 2, page.Limit - newerIds.Count));
            var ids = olderIds.Take(olderCount).Concat(newerIds.Take(page.Limit - olderCount)).ToList();
            selected = channel.Where(m => ids.Contains(m.Id));
        }
        else
        {
            var older = page.Before is { } before ? channel.Where(m => m.Id.CompareTo(before) < 0) : channel;
            selected = older.OrderByDescending(m => m.Id).Take(page.Limit);
        }
        var messages = await queries.LoadAsync(selected, cancellationToken);
        var first = messages.Count > 0 ? messages[0].Message.Id : Guid.Empty;
        var hasOlder = messages.Count > 0 && await channel.AnyAsync(m => m.Id.CompareTo(first) < 0, cancellationToken);
        var last = messages.Count > 0 ? messages[^1].Message.Id : Guid.Empty;
        var hasNewer = messages.Count > 0 && (page.After is not null || page.Around is not null) && await channel.AnyAsync(m => m.Id.CompareTo(last) > 0, cancellationToken);
        return new Result(messages, hasOlder, null, hasNewer);
    }
}
