using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.DirectMessages;
using Meurs.Web.Features.Friends;
using Meurs.Web.Features.Library;
using Meurs.Web.Features.Listening;
using Meurs.Web.Features.Messages;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Features.Servers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Data;

/// <summary>
/// The one database of Meurs: ASP.NET Core Identity's tables plus every feature's entities.
/// Each feature configures its own entities with an <see cref="IEntityTypeConfiguration{TEntity}"/> next to them.
/// </summary>
public sealed class MeursDbContext(DbContextOptions<MeursDbContext> options)
    : IdentityDbContext<MeursUser, IdentityRole<Guid>, Guid>(options)
{
    /// <summary>Ad-hoc chat rooms.</summary>
    public DbSet<Room> Rooms => Set<Room>();

    /// <summary>Everything said or noticed in rooms, ordered per room by <see cref="RoomMessage.Seq"/>.</summary>
    public DbSet<RoomMessage> RoomMessages => Set<RoomMessage>();

    /// <summary>Who has joined which room.</summary>
    public DbSet<RoomMembership> RoomMemberships => Set<RoomMembership>();

    /// <summary>Files shared in rooms for a while.</summary>
    public DbSet<SharedFile> SharedFiles => Set<SharedFile>();

    /// <summary>Personal access tokens (bearer tokens of API clients); only their hashes.</summary>
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    /// <summary>The media library's index: one row per playable file, with its tags.</summary>
    public DbSet<LibraryEntry> LibraryEntries => Set<LibraryEntry>();

    /// <summary>Community servers.</summary>
    public DbSet<Server> Servers => Set<Server>();

    /// <summary>Who has joined which server.</summary>
    public DbSet<ServerMember> ServerMembers => Set<ServerMember>();

    /// <summary>Servers' roles, @everyone and Admin included.</summary>
    public DbSet<ServerRole> ServerRoles => Set<ServerRole>();

    /// <summary>Roles given to members.</summary>
    public DbSet<MemberRole> MemberRoles => Set<MemberRole>();

    /// <summary>Who is banned from which server.</summary>
    public DbSet<ServerBan> ServerBans => Set<ServerBan>();

    /// <summary>Invite codes.</summary>
    public DbSet<ServerInvite> ServerInvites => Set<ServerInvite>();

    /// <summary>Servers' channel categories.</summary>
    public DbSet<ChannelCategory> ChannelCategories => Set<ChannelCategory>();

    /// <summary>Servers' text and voice channels.</summary>
    public DbSet<ServerChannel> ServerChannels => Set<ServerChannel>();

    /// <summary>Per-channel permission overrides.</summary>
    public DbSet<ChannelOverride> ChannelOverrides => Set<ChannelOverride>();

    /// <summary>Each person's mute, read position and mention count per channel.</summary>
    public DbSet<ChannelMemberState> ChannelMemberStates => Set<ChannelMemberState>();

    /// <summary>Categories each person collapsed.</summary>
    public DbSet<CollapsedCategory> CollapsedCategories => Set<CollapsedCategory>();

    /// <summary>Channel messages.</summary>
    public DbSet<Message> Messages => Set<Message>();

    /// <summary>Files attached to messages.</summary>
    public DbSet<MessageAttachment> MessageAttachments => Set<MessageAttachment>();

    /// <summary>Reactions to messages.</summary>
    public DbSet<MessageReaction> MessageReactions => Set<MessageReaction>();

    /// <summary>Mentions in messages.</summary>
    public DbSet<MessageMention> MessageMentions => Set<MessageMention>();

    /// <summary>Listening sessions, open and ended.</summary>
    public DbSet<ListenSession> ListenSessions => Set<ListenSession>();

    /// <summary>Who is in which listening session, with their role.</summary>
    public DbSet<ListenMember> ListenMembers => Set<ListenMember>();

    /// <summary>The sessions' queues.</summary>
    public DbSet<QueueItem> QueueItems => Set<QueueItem>();

    /// <summary>Guests' requests to change a queue, pending and decided.</summary>
    public DbSet<ListenRequest> ListenRequests => Set<ListenRequest>();

    /// <summary>Every change of every session, in order.</summary>
    public DbSet<ListenLogEntry> ListenLog => Set<ListenLogEntry>();

    /// <summary>The sessions' chat.</summary>
    public DbSet<ListenMessage> ListenMessages => Set<ListenMessage>();

    /// <summary>Pending friend requests.</summary>
    public DbSet<FriendRequest> FriendRequests => Set<FriendRequest>();

    /// <summary>Friendships, one row per side.</summary>
    public DbSet<Friendship> Friendships => Set<Friendship>();

    /// <summary>Who blocked whom.</summary>
    public DbSet<UserBlock> UserBlocks => Set<UserBlock>();

    /// <summary>Direct message conversations (their channels are <see cref="ServerChannels"/> with no server).</summary>
    public DbSet<Conversation> Conversations => Set<Conversation>();

    /// <summary>Who is in which direct message conversation.</summary>
    public DbSet<ConversationMember> ConversationMembers => Set<ConversationMember>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MeursDbContext).Assembly);
    }
}
