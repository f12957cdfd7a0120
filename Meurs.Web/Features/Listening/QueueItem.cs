using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// One entry of a session's queue: a library item (<see cref="MediaId"/>, a <see cref="Library.MediaItem"/> id) at
/// <see cref="Position"/> (0-based, contiguous within the session). The same track may be queued twice: items have
/// their own ids. Removing an item deletes the row and closes the gap.
/// </summary>
public sealed class QueueItem
{
    /// <summary>The item id (what the API calls <c>item_id</c>).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The session.</summary>
    public Guid SessionId { get; init; }

    /// <summary>The library item to play.</summary>
    public Guid MediaId { get; init; }

    /// <summary>Place in the queue, 0-based.</summary>
    public int Position { get; set; }

    /// <summary>Who added it (or whose approved request did).</summary>
    public Guid AddedBy { get; init; }

    /// <summary>When it was added (UTC).</summary>
    public DateTime AddedAt { get; init; } = DateTime.UtcNow;
}

internal sealed class QueueItemConfiguration : IEntityTypeConfiguration<QueueItem>
{
    public void Configure(EntityTypeBuilder<QueueItem> item)
    {
        item.HasKey(i => i.Id);
        item.HasIndex(i => new { i.SessionId, i.Position });
        item.HasOne<ListenSession>().WithMany().HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
