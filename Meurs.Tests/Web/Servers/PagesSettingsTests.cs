using System.Net;
using System.Net.Http.Headers;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Servers;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Servers;

/// <summary>The settings forms: members (kick, ban, unban), invites (revoke), roles (order), channel (edit, delete), images.</summary>
public sealed class PagesSettingsTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task KickBanUnban_AndRevokeInvite_GoThroughTheUseCases()
    {
        using var owner = await factory.SignedUpAsync();
        using var kicked = await factory.SignedUpAsync();
        using var banned = await factory.SignedUpAsync();
        var id = await owner.CreateServerAsync("Strict");
        await kicked.JoinByFormAsync(id);
        await banned.JoinByFormAsync(id);
        var (kickedId, bannedId) = await factory.WithDbAsync(async db => (
            await db.Users.Where(u => u.UserName == kicked.UserName).Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.UserName == banned.UserName).Select(u => u.Id).SingleAsync()));

        Assert.Equal(HttpStatusCode.Forbidden, (await kicked.PostPageAsync($"/servers/{id}/members/{bannedId:N}/kick", [])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostPageAsync($"/servers/{id}/members/{kickedId:N}/kick", [])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kicked.GetAsync($"/servers/{id}")).StatusCode);

        var (ban, _) = await owner.PostPageAsync($"/servers/{id}/members/{bannedId:N}/ban", [new("reason", "spam")], htmx: true);
        Assert.Equal(HttpStatusCode.OK, ban.StatusCode);
        var settings = (await owner.GetHtmlAsync($"/servers/{id}/settings")).Html;
        Assert.Contains($"data-ban=\"{bannedId:N}\"", settings, StringComparison.Ordinal);
        Assert.Contains("spam", settings, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await banned.JoinByFormAsync(id)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostPageAsync($"/servers/{id}/bans/{bannedId:N}/delete", [])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await banned.JoinByFormAsync(id)).Response.StatusCode);

        await owner.PostPageAsync($"/servers/{id}/invites", []);
        var serverId = Guid.ParseExact(id, "N");
        var code = await factory.WithDbAsync(db => db.ServerInvites.Where(i => i.ServerId == serverId).Select(i => i.Code).SingleAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostPageAsync($"/servers/{id}/invites", [new("max_uses", "many")])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostPageAsync($"/servers/{id}/invites/{code}/revoke", [])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await kicked.GetAsync($"/invite/{code}")).StatusCode);
    }

    [Fact]
    public async Task RolesMoveAndOrder_ChangeTheHierarchy_AndRefuseOthersIds()
    {
        using var owner = await factory.SignedUpAsync();
        var id = await owner.CreateServerAsync("Ranks");
        await owner.PostPageAsync($"/servers/{id}/roles", [new("name", "Low")]);
        await owner.PostPageAsync($"/servers/{id}/roles", [new("name", "High")]);
        var serverId = Guid.ParseExact(id, "N");
        async Task<List<string>> TopFirst() => await factory.WithDbAsync(db =>
            db.ServerRoles.Where(r => r.ServerId == serverId && !r.IsEveryone).OrderByDescending(r => r.Position).Select(r => r.Name).ToListAsync());
        var before = await TopFirst();
        var low = await factory.WithDbAsync(db => db.ServerRoles.Where(r => r.ServerId == serverId && r.Name == "Low").Select(r => r.Id).SingleAsync());
        var lowAt = before.IndexOf("Low");

        var (moved, _) = await owner.PostPageAsync($"/servers/{id}/roles/{low:N}/move", [new("direction", "up")], htmx: true);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = await TopFirst();
        Assert.Equal(lowAt - 1, after.IndexOf("Low"));

        var ids = await factory.WithDbAsync(db => db.ServerRoles.Where(r => r.ServerId == serverId && !r.IsEveryone).OrderBy(r => r.Position).Select(r => r.Id).ToListAsync());
        var (ordered, _) = await owner.PostPageAsync($"/servers/{id}/roles/order", [new("ids", string.Join(',', ids.Select(i => i.ToString("N"))))], htmx: true);
        Assert.Equal(HttpStatusCode.OK, ordered.StatusCode); // bottom first given as top first: the order is reversed
        Assert.Equal(Enumerable.Reverse(after).ToList(), await TopFirst());
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostPageAsync($"/servers/{id}/roles/order", [new("ids", Guid.NewGuid().ToString("N"))], htmx: true)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostPageAsync($"/servers/{id}/roles/order", [new("ids", "not-an-id")], htmx: true)).Response.StatusCode);
    }

    [Fact]
    public async Task ChannelSettings_EditAndDelete_NeedConfirmAndPermission()
    {
        using var owner = await factory.SignedUpAsync();
        using var member = await factory.SignedUpAsync();
        var id = await owner.CreateServerAsync("Edits");
        await member.JoinByFormAsync(id);
        await owner.PostPageAsync($"/servers/{id}/categories", [new("name", "Area")]);
        var serverId = Guid.ParseExact(id, "N");
        var (channel, category) = await factory.WithDbAsync(async db => (
            await db.ServerChannels.Where(c => c.ServerId == serverId && c.Type == ChannelType.Text).Select(c => c.Id).SingleAsync(),
            await db.ChannelCategories.Where(c => c.ServerId == serverId).Select(c => c.Id).SingleAsync()));

        var (_, page) = await owner.GetHtmlAsync($"/servers/{id}/channels/{channel:N}/settings");
        Assert.Contains("name=\"view_channel\" value=\"deny\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostPageAsync($"/servers/{id}/channels/{channel:N}/settings", [new("name", "mine")])).Response.StatusCode);
        var (saved, _) = await owner.PostPageAsync($"/servers/{id}/channels/{channel:N}/settings",
            [new("name", "lobby"), new("topic", "Say hi"), new("category_id", category.ToString("N"))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await factory.WithDbAsync(db => db.ServerChannels.SingleAsync(c => c.Id == channel));
        Assert.Equal(("lobby", "Say hi", (Guid?)category), (stored.Name, stored.Topic, stored.CategoryId));
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostPageAsync($"/servers/{id}/channels/{channel:N}/settings", [new("name", "x"), new("category_id", Guid.NewGuid().ToString("N"))])).Response.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostPageAsync($"/servers/{id}/channels/{channel:N}/delete", [])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostPageAsync($"/servers/{id}/channels/{channel:N}/delete", [new("confirm", "yes")])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostPageAsync($"/servers/{id}/channels/{channel:N}/delete", [new("confirm", "yes")])).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/servers/{id}/channels/{channel:N}")).StatusCode);
    }

    [Fact]
    public async Task Icon_UploadedInSettings_IsServedAndShownInTheList()
    {
        using var owner = await factory.SignedUpAsync();
        using var member = await factory.SignedUpAsync();
        var id = await owner.CreateServerAsync("Pictured");
        await member.JoinByFormAsync(id);
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

        async Task<HttpResponseMessage> Upload(TestBrowser who, byte[] bytes)
        {
            using var form = new MultipartFormDataContent();
            form.Add(new StringContent(await who.TokenFromAsync("/communities")), "__RequestVerificationToken");
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", "icon.png");
            return await who.Client.PostAsync(new Uri($"/servers/{id}/icon", UriKind.Relative), form);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await Upload(member, png)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Upload(owner, "not an image"u8.ToArray())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Upload(owner, png)).StatusCode);
        var serverId = Guid.ParseExact(id, "N");
        var file = await factory.WithDbAsync(db => db.Servers.Where(s => s.Id == serverId).Select(s => s.IconFile).SingleAsync());
        Assert.NotNull(file);
        Assert.Contains($"src=\"/server-images/{file}\"", (await member.GetHtmlAsync("/communities")).Html, StringComparison.Ordinal);
        var image = await member.GetAsync($"/server-images/{file}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/server-images/..%2Fmeurs.db")).StatusCode);
    }
}
