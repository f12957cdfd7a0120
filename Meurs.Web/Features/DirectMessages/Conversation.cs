using System.Globalization;
using Meurs.Web.Features.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.DirectMessages;

/// <summary>
/// What a direct message conversation adds to its <see cref="ServerChannel"/> (a text channel with no server, of type
/// <see cref="ChannelType.DirectMessage"/> or <see cref="ChannelType.GroupDirectMessage"/>; its messages, reactions, pins
/// and read state are the channel's). Deleted with the channel. Its people are its <see cref="ConversationMember"/> rows.
/// The list orders conversations by their newest message (the Messages index on (ChannelId, Id) answers it; ids are
/// time-ordered), or by <see cref="CreatedAt"/> while they have none: no column to keep in step with every send.
/// </summary>
public sealed class Conversation
{
    /// <summary>The channel (its id on the fabric and in <c>/dms/{id}</c>).</summary>
    public Guid ChannelId { get; init; }

    /// <summary>
    /// For a one-to-one conversation, <see cref="PairKeyOf"/> its two people (unique: a pair has exactly one); null for a group.
    /// </summary>
    public string? PairKey { get; init; }

    /// <summary>Who started it (a group's owner); null once their account was deleted.</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>When it was started (UTC).</summary>
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    /// <summary>The key of the one-to-one conversation between two people, the same whichever asks: both ids in "N" format, smaller first.</summary>
    public static string PairKeyOf(Guid a, Guid b)
    {
        var (first, second) = a.CompareTo(b) < 0 ? (a, b) : (b, a);
        return first.ToString("N", CultureInfo.InvariantCulture) + ":" + second.ToString("N", CultureInfo.InvariantCulture);
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> conversation)
    {
        conversation.HasKey(c => c.ChannelId);
        conversation.Property(c => c.PairKey).HasMaxLength(65);
        conversation.HasIndex(c => c.PairKey).IsUnique();
        conversation.HasOne<ServerChannel>().WithOne().HasForeignKey<Conversation>(c => c.ChannelId).OnDelete(DeleteBehavior.Cascade);
        conversation.HasOne<Accounts.MeursUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.SetNull);
    }
}
