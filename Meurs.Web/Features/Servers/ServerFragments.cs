using System.Globalization;
using System.Net;
using System.Text;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// What a server page receives over <c>/ws/servers/{id}</c> for each server event, rendered once per publish with the
/// components the page renders. The member list is replaced whole (<c>#member-list</c>, the same for every member).
/// The channel list is per person (unread, mentions, muted, collapsed), so its changes arrive as patches appended to
/// <c>#server-patches</c> that servers.js applies to the parts they name and skips when the page does not show them:
/// <list type="bullet">
/// <item><c>data-patch="{element id}"</c>: a rendered component replacing that element (<c>#voice-{id}</c>);</item>
/// <item><c>data-insert-channel</c> / <c>data-insert-category</c>: a new <see cref="ChannelItem"/> or <see cref="CategorySection"/>;</item>
/// <item><c>data-text-for="{selector}"</c>: new text for the elements matched (names, topics);</item>
/// <item><c>data-place-channel</c> / <c>data-place-category</c> with <c>data-category</c>, <c>data-position</c>: where one now sits;</item>
/// <item><c>data-remove="{selector}"</c>, <c>data-dissolve-category="{id}"</c> (its channels move to no category);</item>
/// <item><c>data-visible-channels="{ids}"</c>: the channels this group of members sees now (others disappear; a new
/// one makes the page fetch its own list again).</item>
/// </list>
/// Singleton.
/// </summary>
public sealed class ServerFragments(FragmentRenderer renderer, IServiceScopeFactory scopes)
{
    /// <summary>The htmx messages of server event <paramref name="e"/> (none for an event the pages do not show).</summary>
    public async Task<IReadOnlyList<string>> HtmxAsync(ServerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e)
        {
            case ServerUpdated u:
                return [Patches(TextFor($"[data-server-name='{N(u.Server.Id)}']", u.Server.Title))];
            case MemberJoined m:
                return [await MemberListAsync(m.ServerId)];
            case MemberRemoved m:
                return [await MemberListAsync(m.ServerId)];
            case MemberRolesUpdated m:
                return [await MemberListAsync(m.ServerId)];
            case RoleCreated r:
                return [await MemberListAsync(r.Role.ServerId)];
            case RoleUpdated r:
                return [await MemberListAsync(r.Role.ServerId)];
            case RoleDeleted r:
                return [await MemberListAsync(r.ServerId)];
            case ChannelCreated c:
            {
                var item = await renderer.RenderAsync<ChannelItem>(new Dictionary<string, object?>
                {
                    [nameof(ChannelItem.Item)] = new SidebarChannel(ChannelOf(c.Channel), false, false, 0),
                });
                return [Patches($"<div hidden data-insert-channel>{item}</div>", Place(c.Channel))];
            }
            case ChannelUpdated c:
                return [Patches(
                    TextFor($"[data-channel-name='{N(c.Channel.Id)}']", c.Channel.Title),
                    TextFor($"[data-channel-topic='{N(c.Channel.Id)}']", c.Channel.Description),
                    Place(c.Channel))];
            case ChannelDeleted c:
                return [Patches($"<span hidden data-remove=\"#ch-{N(c.ChannelId)}\"></span>")];
            case CategoryCreated c:
            {
                var section = await renderer.RenderAsync<CategorySection>(new Dictionary<string, object?>
                {
                    [nameof(CategorySection.Category)] = new ChannelCategory { Id = c.Category.Id, ServerId = c.Category.ServerId, Name = c.Category.Title, Position = c.Category.Position },
                });
                return [Patches($"<div hidden data-insert-category>{section}</div>")];
            }
            case CategoryUpdated c:
                return [Patches(
                    TextFor($"[data-category-name='{N(c.Category.Id)}']", c.Category.Title),
                    Attr("data-place-category", N(c.Category.Id), ("data-position", Num(c.Category.Position))))];
            case CategoryDeleted c:
                return [Patches($"<span hidden data-dissolve-category=\"{N(c.CategoryId)}\"></span>")];
            default:
                return [];
        }
    }

    /// <summary>The channels a group of members sees now (see <see cref="ChannelListChanged"/>).</summary>
    public static string Visible(IReadOnlyList<Guid> channelIds)
    {
        ArgumentNullException.ThrowIfNull(channelIds);
        return Patches(Attr("data-visible-channels", string.Join(' ', channelIds.Select(N))));
    }

    /// <summary>The whole member list, replacing <c>#member-list</c>.</summary>
    public async Task<string> MemberListAsync(Guid serverId)
    {
        MemberListModel model;
        using (var scope = scopes.CreateScope())
        {
            model = await scope.ServiceProvider.GetRequiredService<ServerPageData>().MembersAsync(serverId, CancellationToken.None);
        }
        var html = await renderer.RenderAsync<ServerMemberList>(new Dictionary<string, object?> { [nameof(ServerMemberList.Model)] = model });
        return HtmxSwap.Message(html, "#member-list", "outerHTML");
    }

    private static ServerChannel ChannelOf(ChannelDto c) => new()
    {
        Id = c.Id, ServerId = c.ServerId, Name = c.Title, Topic = c.Description, CategoryId = c.CategoryId, Position = c.Position,
        Type = c.Type == "voice" ? ChannelType.Voice : ChannelType.Text,
    };

    private static string Place(ChannelDto c) =>
        Attr("data-place-channel", N(c.Id), ("data-category", c.CategoryId is { } category ? N(category) : ""), ("data-position", Num(c.Position)));

    private static string Patches(params string[] parts) => HtmxSwap.Message(string.Concat(parts), "#server-patches", "beforeend");

    private static string TextFor(string selector, string text) =>
        $"<span hidden data-text-for=\"{WebUtility.HtmlEncode(selector)}\">{WebUtility.HtmlEncode(text)}</span>";

    private static string Attr(string name, string value, params (string Name, string Value)[] more)
    {
        var html = new StringBuilder($"<span hidden {name}=\"{WebUtility.HtmlEncode(value)}\"");
        foreach (var (n, v) in more)
        {
            html.Append(CultureInfo.InvariantCulture, $" {n}=\"{WebUtility.HtmlEncode(v)}\"");
        }
        return html.Append("></span>").ToString();
    }

    private static string N(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
