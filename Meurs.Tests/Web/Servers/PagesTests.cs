using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Servers;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Servers;

/// <summary>The server pages: communities list, invite page, server page, settings, their form endpoints and the page socket.</summary>
public sealed class PagesTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Communities_CreateServer_ListsIt_AndOpensItsFirstTextChannel()
    {
        using var ann = await factory.SignedUpAsync("ann");
        var id = await ann.CreateServerAsync("Ann's place");

        var (_, list) = await ann.GetHtmlAsync("/communities");
        Assert.Contains($"href=\"/servers/{id}\"", list, StringComparison.Ordinal);
        Assert.Contains("Ann&#x27;s place", list, StringComparison.Ordinal);

        var redirect = await ann.GetAsync($"/servers/{id}");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var (page, html) = await ann.GetHtmlAsync(redirect.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"hx-ws:connect=\"/ws/servers/{id}\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"server-sidebar\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"member-list\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"channel-pane\"", html, StringComparison.Ordinal);
        Assert.Contains("data-manage=\"true\"", html, StringComparison.Ordinal); // the owner manages channels
        Assert.Contains($"href=\"/servers/{id}/settings\"", html, StringComparison.Ordinal);
        Assert.Equal(2, PagesScene.ChannelIds(html).Count); // general and General (voice)
    }

    [Fact]
    public async Task Communities_CreateWithoutName_Returns400WithTheReasonInPlace()
    {
        using var ann = await factory.SignedUpAsync();
        var (response, html) = await ann.PostFormAsync("/communities", [new("_handler", "create-server"), new("New.Name", "  ")], "/communities");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"new-server-error\"", html, StringComparison.Ordinal);
        Assert.NotEmpty(TestBrowser.Errors(html));
    }

    [Fact]
    public async Task ServerPage_Answers403ToANonMemberOfAnOpenServer_404ForInviteOnlyOrUnknown_AndJoinByIdWorks()
    {
        using var owner = await factory.SignedUpAsync();
        using var stranger = await factory.SignedUpAsync();
        var open = await owner.CreateServerAsync("Open");
        var closed = await owner.CreateServerAsync("Closed", inviteOnly: true);

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/servers/{open}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/servers/{closed}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/servers/{Guid.NewGuid():N}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/servers/{closed}/settings")).StatusCode);

        var (joinClosed, joinClosedHtml) = await stranger.JoinByFormAsync(closed);
        Assert.Equal(HttpStatusCode.NotFound, joinClosed.StatusCode);
        Assert.Contains("id=\"join-server-error\"", joinClosedHtml, StringComparison.Ordinal);

        var (joined, _) = await stranger.JoinByFormAsync(open);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/servers/{open}", joined.Headers.Location!.ToString());
        var page = await stranger.GetAsync($"/servers/{open}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var (_, html) = await stranger.GetHtmlAsync(page.Headers.Location!.ToString());
        Assert.Contains(stranger.UserName, html, StringComparison.Ordinal); // in the member list
        Assert.DoesNotContain("data-manage=\"true\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/servers/{open}/settings\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_CreatedInSettings_PreviewShowsServerAndMembers_JoinButtonJoins_LinkWorksInJoinForm()
    {
        using var owner = await factory.SignedUpAsync();
        using var guest = await factory.SignedUpAsync();
        using var third = await factory.SignedUpAsync();
        var id = await owner.CreateServerAsync("Invite only club", inviteOnly: true);

        var (created, body) = await owner.PostPageAsync($"/servers/{id}/invites", [new("max_uses", "5"), new("expires_in_seconds", "3600")], htmx: true);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("Invite created", body, StringComparison.Ordinal);
        var serverId = Guid.ParseExact(id, "N");
        var code = await factory.WithDbAsync(db => db.ServerInvites.Where(i => i.ServerId == serverId).Select(i => i.Code).SingleAsync());
        Assert.Contains($"/invite/{code}", (await owner.GetHtmlAsync($"/servers/{id}/settings")).Html, StringComparison.Ordinal);

        var (preview, html) = await guest.GetHtmlAsync($"/invite/{code}");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("Invite only club", html, StringComparison.Ordinal);
        Assert.Contains("1 member", html, StringComparison.Ordinal);
        var (join, _) = await guest.PostFormAsync($"/invite/{code}", [new("_handler", "join-invite")], $"/invite/{code}");
        Assert.Equal(HttpStatusCode.Redirect, join.StatusCode);
        Assert.Equal($"/servers/{id}", join.Headers.Location!.ToString());

        var (byLink, _) = await third.JoinByFormAsync($"http://localhost/invite/{code}");
        Assert.Equal(HttpStatusCode.Redirect, byLink.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync("/invite/nosuchcode")).StatusCode);
    }

    [Fact]
    public async Task CreateChannel_NeedsAntiforgeryAndManageChannels_AndAppearsLiveOnMembersPages()
    {
        using var owner = await factory.SignedUpAsync();
        using var member = await factory.SignedUpAsync();
        var id = await owner.CreateServerAsync("Live");
        await member.JoinByFormAsync(id);
        await using var socket = await member.ConnectAsync($"/ws/servers/{id}");

        var (noToken, _) = await owner.PostPageAsync($"/servers/{id}/channels", [new("name", "x"), new("type", "text")], htmx: true, token: false);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        var (forbidden, refusal) = await member.PostPageAsync($"/servers/{id}/channels", [new("name", "x"), new("type", "text")], htmx: true);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("class=\"error\"", refusal, StringComparison.Ordinal);
        var (bad, _) = await owner.PostPageAsync($"/servers/{id}/channels", [new("name", "x"), new("type", "video")], htmx: true);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var (created, _) = await owner.PostPageAsync($"/servers/{id}/channels", [new("name", "announcements"), new("type", "text")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var frames = await socket.ReceiveUntilAsync(f => f.Content.Contains("announcements", StringComparison.Ordinal));
        var frame = frames[^1];
        Assert.Equal("#server-patches", frame.Target);
        Assert.Equal("beforeend", frame.Swap);
        Assert.Contains("data-insert-channel", frame.Content, StringComparison.Ordinal);
        Assert.Contains("class=\"channel-item text\"", frame.Content, StringComparison.Ordinal);
        Assert.Contains("data-place-channel", frame.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Override_HidesAChannelOnlyForTheMember_Live_AndItsPageIsThen404()
    {
        using var owner = await factory.SignedUpAsync();
        using var member = await factory.SignedUpAsync();
        var id = await owner.CreateServerAsync("Secrets");
        await member.JoinByFormAsync(id);
        var serverId = Guid.ParseExact(id, "N");
        var (general, everyone) = await factory.WithDbAsync(async db => (
            await db.ServerChannels.Where(c => c.ServerId == serverId && c.Type == ChannelType.Text).Select(c => c.Id).SingleAsync(),
            await db.ServerRoles.Where(r => r.ServerId == serverId && r.IsEveryone).Select(r => r.Id).SingleAsync()));
        var channel = general.ToString("N");
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/servers/{id}/channels/{channel}")).StatusCode);
        await using var memberSocket = await member.ConnectAsync($"/ws/servers/{id}");
        await using var ownerSocket = await owner.ConnectAsync($"/ws/servers/{id}");

        var (forbidden, _) = await member.PostPageAsync($"/servers/{id}/channels/{channel}/overrides/{everyone:N}", [new("view_channel", "deny")], htmx: true);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var (bad, _) = await owner.PostPageAsync($"/servers/{id}/channels/{channel}/overrides/{everyone:N}", [new("view_channel", "maybe")], htmx: true);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var (set, _) = await owner.PostPageAsync($"/servers/{id}/channels/{channel}/overrides/{everyone:N}", [new("view_channel", "deny")], htmx: true);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var memberFrames = await memberSocket.ReceiveUntilAsync(f => f.Content.Contains("data-visible-channels", StringComparison.Ordinal));
        Assert.DoesNotContain(channel, memberFrames[^1].Content, StringComparison.Ordinal);
        Assert.DoesNotContain(memberFrames, f => f.Content.Contains($"data-channel-name='{channel}'", StringComparison.Ordinal));
        var ownerFrames = await ownerSocket.ReceiveUntilAsync(f => f.Content.Contains("data-visible-channels", StringComparison.Ordinal));
        Assert.Contains(channel, ownerFrames[^1].Content, StringComparison.Ordinal); // the owner still sees it

        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/servers/{id}/channels/{channel}")).StatusCode);
        var (_, sidebar) = await member.GetHtmlAsync($"/servers/{id}/sidebar");
        Assert.DoesNotContain(channel, PagesScene.ChannelIds(sidebar));
        Assert.Contains(channel, PagesScene.ChannelIds((await owner.GetHtmlAsync($"/servers/{id}/sidebar")).Html));
    }

    [Fact]
    public async Task CollapsingACategory_IsRememberedPerPerson()
    {
        using var owner = await factory.SignedUpAsync();
        using var member = await factory.SignedUpAsync();
        var id = await owner.CreateServerAsync("Folded");
        await member.JoinByFormAsync(id);
        var (created, _) = await owner.PostPageAsync($"/servers/{id}/categories", [new("name", "Games")], htmx: true);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var serverId = Guid.ParseExact(id, "N");
        var category = await factory.WithDbAsync(db => db.ChannelCategories.Where(c => c.ServerId == serverId).Select(c => c.Id).SingleAsync());

        var (collapsed, fragment) = await member.PostPageAsync($"/servers/{id}/categories/{category:N}/collapse", [new("collapsed", "true")], htmx: true);
        Assert.Equal(HttpStatusCode.OK, collapsed.StatusCode);
        Assert.Contains($"id=\"cat-{category:N}\" class=\"category collapsed\"", fragment, StringComparison.Ordinal);
        Assert.Contains($"id=\"cat-{category:N}\" class=\"category collapsed\"", (await member.GetHtmlAsync($"/servers/{id}/sidebar")).Html, StringComparison.Ordinal);
        Assert.Contains($"id=\"cat-{category:N}\" class=\"category\"", (await owner.GetHtmlAsync($"/servers/{id}/sidebar")).Html, StringComparison.Ordinal);

        var (expanded, _) = await member.PostPageAsync($"/servers/{id}/categories/{category:N}/collapse", [new("collapsed", "false")]);
        Assert.Equal(HttpStatusCode.Redirect, expanded.StatusCode);
        Assert.Contains($"id=\"cat-{category:N}\" class=\"category\"", (await member.GetHtmlAsync($"/servers/{id}/sidebar")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mute_HidesTheUnreadDot_AndReorderMovesChannels()
    {
        using var owner = await factory.SignedUpAsync();
        using var member = await factory.SignedUpAsync();
        var id = await owner.CreateServerAsync("Quiet");
        await member.JoinByFormAsync(id);
        await owner.PostPageAsync($"/servers/{id}/channels", [new("name", "second"), new("type", "text")]);
        var ids = PagesScene.ChannelIds((await owner.GetHtmlAsync($"/servers/{id}/sidebar")).Html);
        Assert.Equal(3, ids.Count);

        var (muted, fragment) = await member.PostPageAsync($"/servers/{id}/channels/{ids[0]}/mute", [new("muted", "true")], htmx: true);
        Assert.Equal(HttpStatusCode.OK, muted.StatusCode);
        Assert.Contains("class=\"channel-item text muted\"", fragment, StringComparison.Ordinal);

        var (refused, _) = await member.PostPageAsync($"/servers/{id}/channels/{ids[2]}/move", [new("direction", "up")], htmx: true);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var (moved, _) = await owner.PostPageAsync($"/servers/{id}/channels/{ids[2]}/move", [new("direction", "up")], htmx: true);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal([ids[0], ids[2], ids[1]], PagesScene.ChannelIds((await owner.GetHtmlAsync($"/servers/{id}/sidebar")).Html));

        var (dragged, _) = await owner.PostPageAsync($"/servers/{id}/channels/order", [new("channel_id", ids[0]), new("category_id", ""), new("ids", $"{ids[1]},{ids[2]},{ids[0]}")], htmx: true);
        Assert.Equal(HttpStatusCode.OK, dragged.StatusCode);
        Assert.Equal([ids[1], ids[2], ids[0]], PagesScene.ChannelIds((await owner.GetHtmlAsync($"/servers/{id}/sidebar")).Html));
    }

    [Fact]
    public async Task Mentions_OffersMembersAndRoles_AndEveryoneOnlyToThoseWhoMayMentionEveryone()
    {
        using var owner = await factory.SignedUpAsync("zed");
        using var member = await factory.SignedUpAsync("zoe");
        using var stranger = await factory.SignedUpAsync();
        var id = await owner.CreateServerAsync("Talk");
        await member.JoinByFormAsync(id);

        var (_, forOwner) = await owner.GetHtmlAsync($"/servers/{id}/mentions?q=");
        Assert.Contains("data-insert=\"@everyone\"", forOwner, StringComparison.Ordinal);
        Assert.Contains($"data-insert=\"@{member.UserName}\"", forOwner, StringComparison.Ordinal);
        Assert.Contains("data-insert=\"@Admin\"", forOwner, StringComparison.Ordinal);
        var (_, forMember) = await member.GetHtmlAsync($"/servers/{id}/mentions?q=zo");
        Assert.DoesNotContain("@everyone", forMember, StringComparison.Ordinal);
        Assert.Contains($"data-insert=\"@{member.UserName}\"", forMember, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.UserName, forMember, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/servers/{id}/mentions?q=")).StatusCode);
    }

    [Fact]
    public async Task Settings_ShowOnlyPermittedSections_AndEachPostChecksThePermission()
    {
        using var owner = await factory.SignedUpAsync();
        using var member = await factory.SignedUpAsync();
        var id = await owner.CreateServerAsync("Managed");
        await member.JoinByFormAsync(id);

        var (_, ownerHtml) = await owner.GetHtmlAsync($"/servers/{id}/settings");
        foreach (var section in new[] { "overview", "roles", "members", "invites", "channels" })
        {
            Assert.Contains($"id=\"{section}\"", ownerHtml, StringComparison.Ordinal);
        }
        Assert.Contains("delete-server-dialog", ownerHtml, StringComparison.Ordinal);
        var (_, memberHtml) = await member.GetHtmlAsync($"/servers/{id}/settings");
        Assert.DoesNotContain("id=\"overview\"", memberHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"roles\"", memberHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"members\"", memberHtml, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostPageAsync($"/servers/{id}/settings", [new("name", "Mine")])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostPageAsync($"/servers/{id}/roles", [new("name", "Boss")])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostPageAsync($"/servers/{id}/settings", [new("name", "Renamed")], token: false)).Response.StatusCode);

        var (saved, _) = await owner.PostPageAsync($"/servers/{id}/settings", [new("name", "Renamed"), new("description", "About us")], htmx: true);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("true", saved.Headers.GetValues("HX-Refresh").Single());
        var (role, _) = await owner.PostPageAsync($"/servers/{id}/roles", [new("name", "Mods"), new("color", "#ff8800"), new("permissions", "kick_members")]);
        Assert.Equal(HttpStatusCode.Redirect, role.StatusCode);
        var serverId = Guid.ParseExact(id, "N");
        var mods = await factory.WithDbAsync(db => db.ServerRoles.SingleAsync(r => r.ServerId == serverId && r.Name == "Mods"));
        Assert.Equal(Permissions.KickMembers, mods.Permissions);
        Assert.Equal("#ff8800", mods.Color, ignoreCase: true);
        var memberId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == member.UserName).Select(u => u.Id).SingleAsync());

        var (assigned, _) = await owner.PostPageAsync($"/servers/{id}/members/{memberId:N}/roles", [new("role_id", mods.Id.ToString("N"))]);
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Contains("Mods", (await member.GetHtmlAsync($"/servers/{id}/settings")).Html, StringComparison.Ordinal);
        Assert.Contains("id=\"members\"", (await member.GetHtmlAsync($"/servers/{id}/settings")).Html, StringComparison.Ordinal); // kick now

        var (wrongName, _) = await owner.PostPageAsync($"/servers/{id}/delete", [new("confirm_name", "Managed")], htmx: true);
        Assert.Equal(HttpStatusCode.BadRequest, wrongName.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostPageAsync($"/servers/{id}/delete", [new("confirm_name", "Renamed")])).Response.StatusCode);
        var (deleted, _) = await owner.PostPageAsync($"/servers/{id}/delete", [new("confirm_name", "Renamed")]);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/servers/{id}")).StatusCode);
    }

    [Fact]
    public async Task MemberEvents_ReplaceTheMemberList_WithRoles()
    {
        using var owner = await factory.SignedUpAsync();
        using var member = await factory.SignedUpAsync();
        var id = await owner.CreateServerAsync("People");
        await using var socket = await owner.ConnectAsync($"/ws/servers/{id}");

        await member.JoinByFormAsync(id);

        var frames = await socket.ReceiveUntilAsync(f => f.Target == "#member-list");
        Assert.Equal("outerHTML", frames[^1].Swap);
        Assert.Contains(member.UserName, frames[^1].Content, StringComparison.Ordinal);
        Assert.Contains(">Admin<", frames[^1].Content, StringComparison.Ordinal); // the owner's role
    }
}
