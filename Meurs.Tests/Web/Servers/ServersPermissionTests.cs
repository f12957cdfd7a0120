using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Servers;
using Microsoft.EntityFrameworkCore;
using static Meurs.Tests.Web.Servers.ServerScene;

namespace Meurs.Tests.Web.Servers;

/// <summary>Each action needs its permission, and the role hierarchy limits what a member may do to roles and members.</summary>
public sealed class ServersPermissionTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    /// <summary>A server of alice with plain member bob and member carol, a role, a category and a channel; returns what the paths need.</summary>
    private static async Task<(Guid Server, Guid Role, Guid Category, Guid Channel, Guid Everyone)> SceneAsync(ServerScene scene, ServerUser alice, ServerUser bob, ServerUser carol)
    {
        var id = await scene.ServerWithAsync(alice, bob, carol);
        var role = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "Role" }, HttpStatusCode.Created));
        var category = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/categories", alice.Token, new { title = "Cat" }, HttpStatusCode.Created));
        var channel = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "c" }, HttpStatusCode.Created));
        var everyone = Id(await scene.RoleAsync(id, alice, "@everyone"));
        return (id, role, category, channel, everyone);
    }

    public static TheoryData<string, string, string, long> Guarded => new()
    {
        // method, path ({s} server, {r} role, {c} category, {ch} channel, {e} @everyone, {u} carol), JSON body, the permission that allows it
        { "PATCH", "/api/servers/{s}", """{"title":"x"}""", (long)Permissions.ManageServer },
        { "POST", "/api/servers/{s}/roles", """{"name":"x"}""", (long)Permissions.ManageRoles },
        { "PATCH", "/api/servers/{s}/roles/{r}", """{"name":"x"}""", (long)Permissions.ManageRoles },
        { "DELETE", "/api/servers/{s}/roles/{r}", "", (long)Permissions.ManageRoles },
        { "POST", "/api/servers/{s}/members/{u}/roles/{r}", "", (long)Permissions.ManageRoles },
        { "DELETE", "/api/servers/{s}/members/{u}/roles/{r}", "", (long)Permissions.ManageRoles },
        { "POST", "/api/servers/{s}/categories", """{"title":"x"}""", (long)Permissions.ManageChannels },
        { "PATCH", "/api/servers/{s}/categories/{c}", """{"title":"x"}""", (long)Permissions.ManageChannels },
        { "DELETE", "/api/servers/{s}/categories/{c}", "", (long)Permissions.ManageChannels },
        { "POST", "/api/servers/{s}/channels", """{"title":"x"}""", (long)Permissions.ManageChannels },
        { "PATCH", "/api/servers/{s}/channels/{ch}", """{"title":"x"}""", (long)Permissions.ManageChannels },
        { "DELETE", "/api/servers/{s}/channels/{ch}", "", (long)Permissions.ManageChannels },
        { "GET", "/api/servers/{s}/channels/{ch}/permissions", "", (long)Permissions.ManageRoles },
        { "PUT", "/api/servers/{s}/channels/{ch}/permissions/{e}", """{"can_write":false}""", (long)Permissions.ManageRoles },
        { "DELETE", "/api/servers/{s}/members/{u}", "", (long)Permissions.KickMembers },
        { "POST", "/api/servers/{s}/bans/{u}", "", (long)Permissions.BanMembers },
        { "DELETE", "/api/servers/{s}/bans/{u}", "", (long)Permissions.BanMembers },
    };

    [Theory]
    [MemberData(nameof(Guarded))]
    public async Task PlainMember_403_MemberWithThePermission_IsNotRefused(string method, string path, string body, long permission)
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var carol = await scene.UserAsync();
        var (s, r, c, ch, e) = await SceneAsync(scene, alice, bob, carol);
        var url = path.Replace("{s}", s.ToString(), StringComparison.Ordinal).Replace("{r}", r.ToString(), StringComparison.Ordinal)
            .Replace("{ch}", ch.ToString(), StringComparison.Ordinal).Replace("{c}", c.ToString(), StringComparison.Ordinal)
            .Replace("{e}", e.ToString(), StringComparison.Ordinal).Replace("{u}", carol.Id.ToString(), StringComparison.Ordinal);
        var json = body.Length == 0 ? null : body;

        Problem(await scene.SendRawAsync(method, url, bob.Token, json), HttpStatusCode.Forbidden);

        // The same member with the permission, on a role above the one acted on, gets past the check.
        var granted = Id(await scene.ExpectAsync("POST", $"/api/servers/{s}/roles", alice.Token, new { name = "Granted", permissions = permission.ToString(System.Globalization.CultureInfo.InvariantCulture) }, HttpStatusCode.Created));
        await scene.ExpectAsync("PATCH", $"/api/servers/{s}/roles/{granted}", alice.Token, new { position = 2 }, HttpStatusCode.OK);
        await scene.ExpectAsync("POST", $"/api/servers/{s}/members/{bob.Id}/roles/{granted}", alice.Token, null, HttpStatusCode.NoContent);
        if (method == "DELETE" && path.EndsWith("/bans/{u}", StringComparison.Ordinal))
        {
            await scene.ExpectAsync("POST", $"/api/servers/{s}/bans/{carol.Id}", alice.Token, null, HttpStatusCode.NoContent);
        }
        var allowed = await scene.SendRawAsync(method, url, bob.Token, json);
        if ((int)allowed.Status is < 200 or >= 300)
        {
            Assert.Fail($"{method} {path} with the permission answered {(int)allowed.Status}: {allowed.Detail}");
        }
    }

    [Fact]
    public async Task NonMember_OfAnOpenServer_403_OfAnInviteOnlyServer_404_Everywhere()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var stranger = await scene.UserAsync();
        var open = await scene.ServerWithAsync(alice);
        var closed = Id(await scene.ServerAsync(alice, "Closed", inviteOnly: true));

        foreach (var (id, status) in new[] { (open, HttpStatusCode.Forbidden), (closed, HttpStatusCode.NotFound) })
        {
            foreach (var path in new[] { "", "/members", "/roles", "/categories", "/channels", "/invites" })
            {
                Problem(await scene.SendAsync("GET", $"/api/servers/{id}{path}", stranger.Token), status);
            }
            Problem(await scene.SendAsync("POST", $"/api/servers/{id}/invites", stranger.Token), status);
        }
    }

    [Fact]
    public async Task RoleManager_CannotTouchRolesAtOrAboveTheirOwn_NorGrantWhatTheyLack()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var managers = await scene.GrantAsync(id, alice, bob, "Managers", (long)Permissions.ManageRoles);
        // Managers is at 1, Admin at 2. Make a role above Managers.
        var seniors = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "Seniors" }, HttpStatusCode.Created));
        await scene.ExpectAsync("PATCH", $"/api/servers/{id}/roles/{seniors}", alice.Token, new { position = 3 }, HttpStatusCode.OK);

        Problem(await scene.SendAsync("PATCH", $"/api/servers/{id}/roles/{seniors}", bob.Token, new { name = "Mine" }), HttpStatusCode.Forbidden);
        Problem(await scene.SendAsync("PATCH", $"/api/servers/{id}/roles/{managers}", bob.Token, new { name = "Same level" }), HttpStatusCode.Forbidden);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/members/{bob.Id}/roles/{seniors}", bob.Token), HttpStatusCode.Forbidden);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/roles", bob.Token, new { name = "Kickers", permissions = "2" }), HttpStatusCode.Forbidden);

        // A role below their own, granting only what they hold, is fine.
        var juniors = await scene.ExpectAsync("POST", $"/api/servers/{id}/roles", bob.Token, new { name = "Juniors", permissions = "1024" }, HttpStatusCode.Created);
        await scene.ExpectAsync("PATCH", $"/api/servers/{id}/roles/{Id(juniors)}", bob.Token, new { color = "#ABCDEF" }, HttpStatusCode.OK);
        Assert.Equal("Seniors", await factory.WithDbAsync(db => db.ServerRoles.Where(r => r.Id == seniors).Select(r => r.Name).SingleAsync()));
    }

    [Fact]
    public async Task Kicker_CannotKickAnEqualOrHigherMember()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var carol = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob, carol);
        var kickers = await scene.GrantAsync(id, alice, bob, "Kickers", (long)Permissions.KickMembers);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/members/{carol.Id}/roles/{kickers}", alice.Token, null, HttpStatusCode.NoContent);

        Problem(await scene.SendAsync("DELETE", $"/api/servers/{id}/members/{carol.Id}", bob.Token), HttpStatusCode.Forbidden);

        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/members/{carol.Id}/roles/{kickers}", alice.Token, null, HttpStatusCode.NoContent);
        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/members/{carol.Id}", bob.Token, null, HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task ChannelOverride_CanEdit_LetsARoleEditThatChannelOnly()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var editors = await scene.GrantAsync(id, alice, bob, "Editors", 0);
        var one = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "one" }, HttpStatusCode.Created));
        var two = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "two" }, HttpStatusCode.Created));
        await scene.ExpectAsync("PUT", $"/api/servers/{id}/channels/{one}/permissions/{editors}", alice.Token, new { can_edit = true }, HttpStatusCode.OK);

        await scene.ExpectAsync("PATCH", $"/api/servers/{id}/channels/{one}", bob.Token, new { description = "edited by bob" }, HttpStatusCode.OK);
        Problem(await scene.SendAsync("PATCH", $"/api/servers/{id}/channels/{two}", bob.Token, new { description = "no" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Administrator_IgnoresOverrides()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var admin = Id(await scene.RoleAsync(id, alice, "Admin"));
        await scene.ExpectAsync("POST", $"/api/servers/{id}/members/{bob.Id}/roles/{admin}", alice.Token, null, HttpStatusCode.NoContent);
        var hidden = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "hidden" }, HttpStatusCode.Created));
        await scene.ExpectAsync("PUT", $"/api/servers/{id}/channels/{hidden}/permissions/{admin}", alice.Token, new { can_read = false }, HttpStatusCode.OK);

        Assert.Contains("hidden", await scene.ChannelTitlesAsync(id, bob));
    }
}
