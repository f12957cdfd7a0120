using Meurs.Web.Data;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>One channel as the channel list shows it to one person.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Muted">They muted it (no unread dot, no mention badge).</param>
/// <param name="Unread">A message newer than the last one they read (not theirs).</param>
/// <param name="Mentions">Messages mentioning them since they last read it.</param>
/// <param name="Permissions">What they may do in it (resolved with its overrides); None when the list item is drawn for many people at once.</param>
public sealed record SidebarChannel(ServerChannel Channel, bool Muted, bool Unread, int Mentions, Permissions Permissions = Permissions.None);

/// <summary>What the channel list (<see cref="ServerSidebar"/>) shows one person.</summary>
/// <param name="Server">The server.</param>
/// <param name="CanManageChannels">They hold ManageChannels server-wide (create, reorder).</param>
/// <param name="CanManageAny">They hold any manage permission (the settings link).</param>
/// <param name="Categories">The categories, top to bottom.</param>
/// <param name="Collapsed">The categories they collapsed.</param>
/// <param name="Channels">The channels they can see, in order.</param>
/// <param name="Current">The channel open in the page, if any.</param>
public sealed record SidebarModel(Server Server, bool CanManageChannels, bool CanManageAny, IReadOnlyList<ChannelCategory> Categories,
    IReadOnlySet<Guid> Collapsed, IReadOnlyList<SidebarChannel> Channels, Guid? Current)
{
    /// <summary>The ids of the channels shown, "N" format, space separated (compared by servers.js with <see cref="ChannelListChanged"/>).</summary>
    public string VisibleIds => string.Join(' ', Channels.Select(c => c.Channel.Id.ToString("N")));
}

/// <summary>The member list (<see cref="ServerMemberList"/>): every member with their roles, and the roles by id.</summary>
/// <param name="ServerId">The server.</param>
/// <param name="Members">The members, by name.</param>
/// <param name="Roles">The server's roles, by id.</param>
public sealed record MemberListModel(Guid ServerId, IReadOnlyList<MemberDto> Members, IReadOnlyDictionary<Guid, ServerRole> Roles);

/// <summary>
/// Reads what the server pages show, through the read use cases (which check membership) for a person's page, and
/// directly for pushes (rendered once per event for subscribers the fabric already authorized). Scoped.
/// </summary>
public sealed class ServerPageData(MeursDbContext db, ListChannels listChannels, ListCategories listCategories, ViewServer viewServer)
{
    /// <summary>Permissions that show the settings link.</summary>
    public const Permissions ManageAny = Permissions.ManageServer | Permissions.ManageRoles | Permissions.ManageChannels | Permissions.KickMembers | Permissions.BanMembers;

    /// <summary>The channel list for <paramref name="viewerId"/>, or the refusal (403 non-member of an open server, 404).</summary>
    public async Task<ServerResult<SidebarModel>> SidebarAsync(Guid viewerId, Guid serverId, Guid? current, CancellationToken cancellationToken)
    {
        var access = await viewServer.HandleAsync(viewerId, serverId, cancellationToken);
        if (!access.IsOk)
        {
            return new ServerRefusal(access.Status, access.Detail);
        }
        var member = access.Value!;
        var channels = await listChannels.HandleAsync(viewerId, serverId, cancellationToken);
        var categories = await listCategories.HandleAsync(viewerId, serverId, cancellationToken);
        if (!channels.IsOk || !categories.IsOk)
        {
            return new ServerRefusal(channels.IsOk ? categories.Status : channels.Status, channels.IsOk ? categories.Detail : channels.Detail);
        }
        var visible = channels.Value!;
        var ids = visible.Select(v => v.Channel.Id).ToList();
        var latest = await db.Messages.Where(m => ids.Contains(m.ChannelId) && m.AuthorId != viewerId)
            .GroupBy(m => m.ChannelId).Select(g => new { g.Key, Seq = g.Max(m => m.Seq) }).ToDictionaryAsync(x => x.Key, x => x.Seq, cancellationToken);
        var states = await db.ChannelMemberStates.AsNoTracking().Where(s => s.UserId == viewerId && ids.Contains(s.ChannelId)).ToListAsync(cancellationToken);
        var readIds = states.Where(s => s.LastReadMessageId is not null).Select(s => s.LastReadMessageId!.Value).ToList();
        var readSeq = await db.Messages.Where(m => readIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Seq, cancellationToken);
        var byChannel = states.ToDictionary(s => s.ChannelId);
        var list = visible.Select(v =>
        {
            var state = byChannel.GetValueOrDefault(v.Channel.Id);
            var read = state?.LastReadMessageId is { } r ? readSeq.GetValueOrDefault(r) : 0;
            var unread = latest.TryGetValue(v.Channel.Id, out var newest) && newest > read;
            return new SidebarChannel(v.Channel, v.Muted, unread, state?.MentionCount ?? 0, v.Permissions);
        }).ToList();
        return new SidebarModel(member.Server, member.Has(Permissions.ManageChannels), member.IsOwnerOrAdmin || (member.Base & ManageAny) != 0,
            categories.Value.Categories, categories.Value.Collapsed, list, current);
    }


    /// <summary>The member list of <paramref name="serverId"/> (for a page or a push; the caller has checked who may see it).</summary>
    public async Task<MemberListModel> MembersAsync(Guid serverId, CancellationToken cancellationToken)
    {
        var server = await db.Servers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serverId, cancellationToken);
        var members = await db.ServerMembers.Where(m => m.ServerId == serverId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.UserName, m.JoinedAt }).ToListAsync(cancellationToken);
        var roles = await db.ServerRoles.AsNoTracking().Where(r => r.ServerId == serverId).ToDictionaryAsync(r => r.Id, cancellationToken);
        var held = (await db.MemberRoles.Where(a => a.ServerId == serverId).Select(a => new { a.UserId, a.RoleId }).ToListAsync(cancellationToken)).ToLookup(a => a.UserId, a => a.RoleId);
        return new MemberListModel(serverId, [.. members
            .OrderBy(m => m.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(m => new MemberDto(m.UserId, m.UserId, m.UserName ?? "", [.. held[m.UserId].Where(roles.ContainsKey).OrderByDescending(r => roles[r].Position)],
                m.UserId == server?.OwnerId, m.JoinedAt))], roles);
    }
}
