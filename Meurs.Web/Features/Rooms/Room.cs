using Meurs.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Rooms;

/// <summary>An ad-hoc chat room, addressed by a <see cref="RoomId"/> that doubles as its invitation.</summary>
public sealed class Room
{
    /// <summary>The 7-character id (see <see cref="RoomId"/>).</summary>
    public required string Id { get; init; }

    /// <summary>The room's name as its owner gave it (see <see cref="RoomName"/>), or null for an unnamed room.</summary>
    public string? Name { get; set; }

    /// <summary>What people call the room: its name, or "Room abc-d1e" when it has none.</summary>
    public string DisplayName => Name ?? $"Room {Id}";

    /// <summary>The user who created the room; only they can close it, and their leaving clears the history.</summary>
    public Guid OwnerId { get; init; }

    /// <summary>The owner account (navigation).</summary>
    public MeursUser? Owner { get; init; }

    /// <summary>When the room was created (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    /// <summary>When the owner closed it (UTC), or null while open. A closed room is gone for everyone.</summary>
    public DateTime? ClosedAt { get; set; }

    /// <summary>The sequence number of the room's latest event; the next event gets <c>LastSeq + 1</c>. Never reused, even after history is cleared.</summary>
    public long LastSeq { get; set; }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> room)
    {
        room.HasKey(r => r.Id);
        room.Property(r => r.Id).HasMaxLength(RoomId.Length).IsUnicode(false);
        room.HasOne(r => r.Owner).WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Cascade);
        room.Property(r => r.Name).HasMaxLength(RoomName.MaxStoredLength);
        room.Ignore(r => r.DisplayName);
        room.HasIndex(r => new { r.OwnerId, r.ClosedAt });
    }
}
