using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// One line of a session's log: every change (queue, requests, roles, settings, playback) with who made it, written in
/// the same transaction as the change.
/// </summary>
public sealed class ListenLogEntry
{
    /// <summary>The largest detail, in characters.</summary>
    public const int MaxDetailLength = 300;

    /// <summary>Row id, increasing in the order changes committed.</summary>
    public long Id { get; init; }

    /// <summary>The session.</summary>
    public Guid SessionId { get; init; }

    /// <summary>When (UTC).</summary>
    public DateTime At { get; init; } = DateTime.UtcNow;

    /// <summary>Who made the change, or null for the server itself (a track ending, the idle timeout).</summary>
    public Guid? ActorId { get; init; }

    /// <summary>What happened, a stable word such as <c>queue.added</c>, <c>request.approved</c>, <c>playback.seek</c>.</summary>
    public required string Action { get; init; }

    /// <summary>A human-readable detail (a track title, a reason), at most <see cref="MaxDetailLength"/> characters.</summary>
    public string Detail { get; init; } = "";
}

internal sealed class ListenLogEntryConfiguration : IEntityTypeConfiguration<ListenLogEntry>
{
    public void Configure(EntityTypeBuilder<ListenLogEntry> entry)
    {
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Action).HasMaxLength(40).IsUnicode(false);
        entry.Property(e => e.Detail).HasMaxLength(ListenLogEntry.MaxDetailLength);
        entry.HasIndex(e => new { e.SessionId, e.Id });
        entry.HasOne<ListenSession>().WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
