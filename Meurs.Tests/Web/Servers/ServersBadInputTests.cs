using System.Net;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;
using static Meurs.Tests.Web.Servers.ServerScene;

namespace Meurs.Tests.Web.Servers;

/// <summary>Bad input to the servers API gets a 400 (or 413/415) problem document naming what is wrong, and changes nothing.</summary>
public sealed class ServersBadInputTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Theory]
    [InlineData("""{"title": 42}""", "'title' must be a string")]
    [InlineData("""{"description": "x"}""", "'title' is required")]
    [InlineData("""{"title": null}""", "'title' is required")]
    [InlineData("""{"title": "ok", "invite_only": "yes"}""", "'invite_only' must be true or false")]
    [InlineData("""{"title": "\ud800"}""", "'title' has invalid Unicode")]
    [InlineData("""{"title": "a\udc00b"}""", "'title' has invalid Unicode")]
    [InlineData("""{"title": "   "}""", "cannot be empty")]
    [InlineData("""{"title": "two\nlines"}""", "plain text on one line")]
    [InlineData("""{"title": "bell\u0007"}""", "plain text on one line")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("""{"title": """, "not valid JSON")]
    public async Task CreateServer_BadBody_400_NothingCreated(string body, string expected)
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();

        var response = await scene.SendRawAsync("POST", "/api/servers/", alice.Token, body);

        Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, response.Detail, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Servers.AnyAsync(s => s.OwnerId == alice.Id)));
    }

    [Fact]
    public async Task CreateServer_TooLongTitleOrDescription_400()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();

        Problem(await scene.SendAsync("POST", "/api/servers/", alice.Token, new { title = new string('x', 101) }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", "/api/servers/", alice.Token, new { title = "ok", description = new string('x', 1025) }), HttpStatusCode.BadRequest);
        Expect(await scene.SendAsync("POST", "/api/servers/", alice.Token, new { title = new string('x', 100), description = new string('y', 1024) }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task CreateServer_NotJson_415_AndHugeBody_413()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();

        Problem(await scene.SendRawAsync("POST", "/api/servers/", alice.Token, "title=x", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType);
        Problem(await scene.SendAsync("POST", "/api/servers/", alice.Token, new { title = "x", description = new string('x', 70_000) }), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Role_BadColorPermissionsOrName_400()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "r", color = "red" }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "r", color = "#12345" }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "r", permissions = "abc" }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "r", permissions = "-1" }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "r", permissions = "1" }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "r", permissions = true }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = new string('r', 101) }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { color = "#FFFFFF" }), HttpStatusCode.BadRequest);

        Assert.Equal(2, await factory.WithDbAsync(db => db.ServerRoles.CountAsync(r => r.ServerId == id)));
    }

    [Fact]
    public async Task Channel_BadTypeTopicOrCategory_400()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var other = await scene.ServerWithAsync(alice);
        var foreignCategory = Id(await scene.ExpectAsync("POST", $"/api/servers/{other}/categories", alice.Token, new { title = "Theirs" }, HttpStatusCode.Created));

        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "c", type = "video" }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "c", type = 1 }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "c", description = new string('t', 1025) }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "c", category_id = "nope" }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "c", category_id = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        var response = await scene.SendAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "c", category_id = foreignCategory });
        Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains("not a category of this server", response.Detail, StringComparison.Ordinal);

        Assert.Equal(2, await factory.WithDbAsync(db => db.ServerChannels.CountAsync(c => c.ServerId == id)));
    }

    [Fact]
    public async Task IdsOfAnotherServer_InThePath_AreNotFound()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var other = await scene.ServerWithAsync(alice);
        var theirChannel = Id(await scene.ExpectAsync("POST", $"/api/servers/{other}/channels", alice.Token, new { title = "theirs" }, HttpStatusCode.Created));
        var theirCategory = Id(await scene.ExpectAsync("POST", $"/api/servers/{other}/categories", alice.Token, new { title = "theirs" }, HttpStatusCode.Created));
        var theirRole = Id(await scene.ExpectAsync("POST", $"/api/servers/{other}/roles", alice.Token, new { name = "theirs" }, HttpStatusCode.Created));
        var myChannel = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "mine" }, HttpStatusCode.Created));

        Problem(await scene.SendAsync("PATCH", $"/api/servers/{id}/channels/{theirChannel}", alice.Token, new { title = "x" }), HttpStatusCode.NotFound);
        Problem(await scene.SendAsync("DELETE", $"/api/servers/{id}/channels/{theirChannel}", alice.Token), HttpStatusCode.NotFound);
        Problem(await scene.SendAsync("PATCH", $"/api/servers/{id}/categories/{theirCategory}", alice.Token, new { title = "x" }), HttpStatusCode.NotFound);
        Problem(await scene.SendAsync("DELETE", $"/api/servers/{id}/categories/{theirCategory}", alice.Token), HttpStatusCode.NotFound);
        Problem(await scene.SendAsync("PATCH", $"/api/servers/{id}/roles/{theirRole}", alice.Token, new { name = "x" }), HttpStatusCode.NotFound);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/members/{alice.Id}/roles/{theirRole}", alice.Token), HttpStatusCode.NotFound);
        Problem(await scene.SendAsync("PUT", $"/api/servers/{id}/channels/{myChannel}/permissions/{theirRole}", alice.Token, new { can_read = false }), HttpStatusCode.NotFound);

        Assert.Equal("theirs", await factory.WithDbAsync(db => db.ServerChannels.Where(c => c.Id == theirChannel).Select(c => c.Name).SingleAsync()));
        Assert.False(await factory.WithDbAsync(db => db.MemberRoles.AnyAsync(a => a.RoleId == theirRole)));
    }

    [Theory]
    [InlineData("GET", "/api/servers/xyz/channels")]
    [InlineData("PATCH", "/api/servers/{id}/channels/xyz")]
    [InlineData("DELETE", "/api/servers/{id}/roles/12")]
    [InlineData("POST", "/api/servers/{id}/members/xyz/roles/xyz")]
    [InlineData("DELETE", "/api/servers/{id}/members/not-a-user")]
    [InlineData("PUT", "/api/servers/{id}/channels/xyz/permissions/xyz")]
    [InlineData("GET", "/api/invites/nosuchcode")]
    public async Task MalformedIds_InThePath_404(string method, string path)
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        Problem(await scene.SendAsync(method, path.Replace("{id}", id.ToString(), StringComparison.Ordinal), alice.Token, method is "PATCH" or "PUT" ? new { } : null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invite_BadLimits_400()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/invites", alice.Token, new { max_uses = 0 }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/invites", alice.Token, new { max_uses = "5" }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/invites", alice.Token, new { expires_in_seconds = -5 }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/invites", alice.Token, new { expires_in_seconds = 1.5 }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/invites", alice.Token, new { expires_in_seconds = 99_999_999 }), HttpStatusCode.BadRequest);

        Assert.False(await factory.WithDbAsync(db => db.ServerInvites.AnyAsync(i => i.ServerId == id)));
    }

    [Fact]
    public async Task Override_BadBooleansOrBits_400()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var channel = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "c" }, HttpStatusCode.Created));
        var everyone = Id(await scene.RoleAsync(id, alice, "@everyone"));
        var path = $"/api/servers/{id}/channels/{channel}/permissions/{everyone}";

        Problem(await scene.SendAsync("PUT", path, alice.Token, new { can_read = "no" }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("PUT", path, alice.Token, new { allow = 1.5 }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("PUT", path, alice.Token, new { deny = "9223372036854775807" }), HttpStatusCode.BadRequest);

        Assert.False(await factory.WithDbAsync(db => db.ChannelOverrides.AnyAsync(o => o.ChannelId == channel)));
    }

    [Fact]
    public async Task UpdateChannel_CannotChangeType_400()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var channel = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "c" }, HttpStatusCode.Created));

        Problem(await scene.SendAsync("PATCH", $"/api/servers/{id}/channels/{channel}", alice.Token, new { type = "voice" }), HttpStatusCode.BadRequest);
    }
}
