using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meurs.Web.Features.Servers;

/// <summary>What a server channel is for.</summary>
public enum ChannelType
{
    /// <summary>Messages.</summary>
    Text = 0,

    /// <summary>A voice session (voice, webcam, screen share) through Meurs.Media.</summary>
    Voice = 1,

    /// <summary>A one-to-one direct message conversation: a text channel with no server (Discord's DM channel).</summary>
    DirectMessage = 2,

    /// <summary>A group direct message conversation (up to 10 people, with a name): a text channel with no server.</summary>
    GroupDirectMessage = 3,
}

/// <summary>A text or voice channel of a server, in a category or in none; or a direct message conversation (no server).</summary>
public sealed class ServerChannel
{
    /// <summary>Longest name, in characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest topic, in characters.</summary>
    public const int MaxTopicLength = 1024;

    /// <summary>Id (UUID version 7); on the fabric its channel is <see cref="Realtime.ChannelKind.Channel"/> with this id in "N" format.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>
    /// The server; null for a direct message conversation (<see cref="ChannelType.DirectMessage"/>,
    /// <see cref="ChannelType.GroupDirectMessage"/>), whose people are its <c>ConversationMember</c> rows.
    /// </summary>
    public Guid? ServerId { get; init; }

    /// <summary>The category it sits in, or null.</summary>
    public Guid? CategoryId { get; set; }

    /// <summary>1–<see cref="MaxNameLength"/> characters.</summary>
    public required string Name { get; set; }

    /// <summary>What it is for, up to <see cref="MaxTopicLength"/> characters; empty when none.</summary>
    public string Topic { get; set; } = "";

    /// <summary>Text or voice; fixed at creation.</summary>
    public ChannelType Type { get; init; }

    /// <summary>Order within its category (or among those with none): 0, 1, 2, … from the top.</summary>
    public int Position { get; set; }
}

internal sealed class ServerChannelConfiguration : IEntityTypeConfiguration<ServerChannel>
{
    public void Configure(EntityTypeBuilder<ServerChannel> channel)
    {
        channel.HasKey(c => c.Id);
        channel.Property(c => c.Name).HasMaxLength(ServerChannel.MaxNameLength);
        channel.Property(c => c.Topic).HasMaxLength(ServerChannel.MaxTopicLength);
        channel.HasIndex(c => c.ServerId);
        channel.HasOne<Server>().WithMany().HasForeignKey(c => c.ServerId).OnDelete(DeleteBehavior.Cascade);
        channel.HasOne<ChannelCategory>().WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.SetNull);
    }
}
