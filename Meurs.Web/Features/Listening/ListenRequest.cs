using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// A guest's change to the queue waiting for the host or a co-host. Durable, and decided once: the decision and the
/// change it approves commit together, guarded by <see cref="Status"/> being <see cref="ListenRequestStatus.Pending"/>
/// (a concurrency token), so approving twice or concurrently applies it once.
/// </summary>
public sealed class ListenRequest
{
    /// <summary>The largest reason, in characters.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>The request id.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The session it belongs to; deciding it through another session is refused.</summary>
    public Guid SessionId { get; init; }

    /// <summary>Who asked.</summary>
    public Guid RequesterId { get; init; }

    /// <summary>What they asked for.</summary>
    public ListenRequestKind Kind { get; init; }

    /// <summary>The library item to add (<see cref="ListenRequestKind.Add"/>).</summary>
    public Guid? MediaId { get; init; }

    /// <summary>The queue item to remove or move (<see cref="ListenRequestKind.Remove"/>, <see cref="ListenRequestKind.Reorder"/>).</summary>
    public Guid? ItemId { get; init; }

    /// <summary>Where to move it, 0-based (<see cref="ListenRequestKind.Reorder"/>).</summary>
    public int? NewPosition { get; init; }

    /// <summary>Pending until decided.</summary>
    public ListenRequestStatus Status { get; set; }

    /// <summary>The decider's reason, at most <see cref="MaxReasonLength"/> characters, or null.</summary>
    public string? Reason { get; set; }

    /// <summary>Who decided, or null while pending.</summary>
    public Guid? DecidedBy { get; set; }

    /// <summary>When it was asked (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    /// <summary>When it was decided (UTC), or null.</summary>
    public DateTime? DecidedAt { get; set; }
}

internal sealed class ListenRequestConfiguration : IEntityTypeConfiguration<ListenRequest>
{
    public void Configure(EntityTypeBuilder<ListenRequest> request)
    {
        request.HasKey(r => r.Id);
        request.HasIndex(r => new { r.SessionId, r.Status });
        request.Property(r => r.Reason).HasMaxLength(ListenRequest.MaxReasonLength);
        request.Property(r => r.Status).IsConcurrencyToken();
        request.HasOne<ListenSession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        request.HasOne<MeursUser>().WithMany().HasForeignKey(r => r.RequesterId).OnDelete(DeleteBehavior.Cascade);
    }
}
