using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Rooms;

/// <summary>What kind of room event a <see cref="RoomMessage"/> records.</summary>
public enum RoomMessageKind
{
    /// <summary>Something a person said.</summary>
    Chat = 0,

    /// <summary>A person arrived (their first connection to the room).</summary>
    Joined = 1,

    /// <summary>A person left (their last connection closed).</summary>
    Left = 2,

    /// <summary>A notice from the room itself, such as the history being cleared.</summary>
    System = 3,

    /// <summary>A private message: seen only by its author and <see cref="RoomMessage.RecipientId"/>.</summary>
    Private = 4,

    /// <summary>A file was shared (<see cref="RoomMessage.FileId"/>); the text is its name.</summary>
    FileShared = 5,
}

/// <summary>One event of a room's history: a chat message or a notice, numbered by <see cref="Seq"/> within its room.</summary>
public sealed class RoomMessage
{
    /// <summary>Longest chat message, in characters.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>Time-ordered id (UUID version 7), used in element ids (<c>msg-{id}</c>).</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The room it belongs to.</summary>
    public required string RoomId { get; init; }

    /// <summary>Per-room sequence number: 1, 2, 3… in the order events were persisted and published, never reused.</summary>
    public long Seq { get; init; }

    /// <summary>What this event is.</summary>
    public RoomMessageKind Kind { get; init; }

    /// <summary>The person it is about or from; null for <see cref="RoomMessageKind.System"/> notices.</summary>
    public Guid? AuthorId { get; init; }

    /// <summary>The person's username when it happened.</summary>
    public string AuthorName { get; init; } = "";

    /// <summary>For <see cref="RoomMessageKind.Private"/>: the one person who may read it besides its author.</summary>
    public Guid? RecipientId { get; init; }

    /// <summary>For <see cref="RoomMessageKind.Private"/>: the recipient's username when it was sent.</summary>
    public string? RecipientName { get; init; }

    /// <summary>For <see cref="RoomMessageKind.FileShared"/>: the <see cref="SharedFile"/>.</summary>
    public Guid? FileId { get; init; }

    /// <summary>The text: what was said (at most <see cref="MaxTextLength"/> characters) or the notice.</summary>
    public required string Text { get; init; }

    /// <summary>When it was persisted (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    /// <summary>True when <paramref name="userId"/> may see this event: everyone, except for private messages.</summary>
    public bool IsVisibleTo(Guid userId) => Kind != RoomMessageKind.Private || AuthorId == userId || RecipientId == userId;
}

internal sealed class RoomMessageConfiguration : IEntityTypeConfiguration<RoomMessage>
{
    public void Configure(EntityTypeBuilder<RoomMessage> message)
    {
        message.HasKey(m => m.Id);
        message.Property(m => m.RoomId).HasMaxLength(RoomId.Length).IsUnicode(false);
        message.Property(m => m.AuthorName).HasMaxLength(64);
        message.Property(m => m.RecipientName).HasMaxLength(64);
        message.Property(m => m.Text).HasMaxLength(RoomMessage.MaxTextLength);
        message.HasIndex(m => new { m.RoomId, m.Seq }).IsUnique();
        message.HasOne<Room>().WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}
