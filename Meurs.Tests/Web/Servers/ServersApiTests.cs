using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Servers;
using Microsoft.EntityFrameworkCore;
using static Meurs.Tests.Web.Servers.ServerScene;

namespace Meurs.Tests.Web.Servers;

/// <summary>The Chat system's test_servers.py, ported: servers, membership and roles over <c>/api/servers</c>.</summary>
public sealed class ServersApiTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task CreateServer_Returns201WithTitleDescriptionAndId_OwnerIsAdminMember_WithDefaultRolesAndChannels()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();

        var response = await scene.Api.PostJsonAsync("/api/servers/", new { title = "My Server", description = "desc" }, alice.Token);

        var data = Expect(response, HttpStatusCode.Created);
        Assert.Equal("My Server", Str(data, "title"));
        Assert.Equal("desc", Str(data, "description"));
        Assert.Equal(alice.Id, Id(data, "owner_id"));
        Assert.False(data.GetProperty("invite_only").GetBoolean());
        var id = Id(data);
        var roles = await factory.WithDbAsync(db => db.ServerRoles.Where(r => r.ServerId == id).ToListAsync());
        var everyone = Assert.Single(roles, r => r.IsEveryone);
        Assert.Equal((0, Permissions.EveryoneDefault), (everyone.Position, everyone.Permissions));
        var admin = Assert.Single(roles, r => r.IsAdmin);
        Assert.Equal((1, Permissions.Administrator), (admin.Position, admin.Permissions));
        Assert.True(await factory.WithDbAsync(db => db.MemberRoles.AnyAsync(a => a.ServerId == id && a.UserId == alice.Id && a.RoleId == admin.Id)));
        Assert.Equal(["general", "General"], await scene.ChannelTitlesAsync(id, alice));
    }

    [Fact]
    public async Task CreateServer_WithoutTrailingSlash_AlsoWorks()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();

        Expect(await scene.Api.PostJsonAsync("/api/servers", new { title = "No slash" }, alice.Token), HttpStatusCode.Created);
    }

    [Fact]
    public async Task ListServers_ShowsOnlyJoined()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        await scene.ServerAsync(alice, "Alice's Server");
        await scene.ServerAsync(bob, "Bob's Server");

        var list = await scene.ExpectAsync("GET", "/api/servers/", alice.Token, null, HttpStatusCode.OK);

        var titles = list.EnumerateArray().Select(s => Str(s, "title")).ToList();
        Assert.Contains("Alice's Server", titles);
        Assert.DoesNotContain("Bob's Server", titles);
    }

    [Fact]
    public async Task GetServer_AsMember_200()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var s = await scene.ServerAsync(alice);

        var data = await scene.ExpectAsync("GET", $"/api/servers/{Id(s)}", alice.Token, null, HttpStatusCode.OK);

        Assert.Equal(Id(s), Id(data));
    }

    [Fact]
    public async Task GetServer_NotMember_403_ButInviteOnly_404()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var open = await scene.ServerAsync(alice);
        var closed = await scene.ServerAsync(alice, "Closed", inviteOnly: true);

        Problem(await scene.SendAsync("GET", $"/api/servers/{Id(open)}", bob.Token), HttpStatusCode.Forbidden);
        Problem(await scene.SendAsync("GET", $"/api/servers/{Id(closed)}", bob.Token), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-guid")]
    [InlineData("12345")]
    public async Task GetServer_Nonexistent_404(string id)
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();

        Problem(await scene.SendAsync("GET", $"/api/servers/{id}", alice.Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Servers_WithoutToken_401()
    {
        using var scene = new ServerScene(factory);

        Assert.Equal(HttpStatusCode.Unauthorized, (await scene.Api.GetAsync("/api/servers/")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scene.Api.PostJsonAsync("/api/servers/", new { title = "x" })).Status);
    }

    [Fact]
    public async Task UpdateServer_ByOwner_200()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var s = await scene.ServerAsync(alice);

        var data = await scene.ExpectAsync("PATCH", $"/api/servers/{Id(s)}", alice.Token, new { title = "New Title", invite_only = true }, HttpStatusCode.OK);

        Assert.Equal("New Title", Str(data, "title"));
        Assert.Equal("desc", Str(data, "description"));
        Assert.True(data.GetProperty("invite_only").GetBoolean());
    }

    [Fact]
    public async Task UpdateServer_ByNonAdmin_403_AndNothingChanges()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);

        Problem(await scene.SendAsync("PATCH", $"/api/servers/{id}", bob.Token, new { title = "Hacked" }), HttpStatusCode.Forbidden);

        Assert.Equal("My Server", await factory.WithDbAsync(db => db.Servers.Where(s => s.Id == id).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task UpdateServer_WithManageServerRole_200()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        await scene.GrantAsync(id, alice, bob, "Managers", (long)Permissions.ManageServer);

        await scene.ExpectAsync("PATCH", $"/api/servers/{id}", bob.Token, new { description = "by bob" }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteServer_ByOwner_204_ThenGone()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var s = await scene.ServerAsync(alice);

        await scene.ExpectAsync("DELETE", $"/api/servers/{Id(s)}", alice.Token, null, HttpStatusCode.NoContent);

        var after = await scene.SendAsync("GET", $"/api/servers/{Id(s)}", alice.Token);
        Assert.Contains(after.Status, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.False(await factory.WithDbAsync(db => db.ServerChannels.AnyAsync(c => c.ServerId == Id(s))));
    }

    [Fact]
    public async Task DeleteServer_ByNonOwner_403_EvenAnAdmin()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var admin = Id(await scene.RoleAsync(id, alice, "Admin"));
        await scene.ExpectAsync("POST", $"/api/servers/{id}/members/{bob.Id}/roles/{admin}", alice.Token, null, HttpStatusCode.NoContent);

        Problem(await scene.SendAsync("DELETE", $"/api/servers/{id}", bob.Token), HttpStatusCode.Forbidden);

        Assert.True(await factory.WithDbAsync(db => db.Servers.AnyAsync(s => s.Id == id)));
    }

    [Fact]
    public async Task JoinServer_MemberIsListed()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        var joined = await scene.ExpectAsync("POST", $"/api/servers/{id}/join", bob.Token, null, HttpStatusCode.OK);

        Assert.Equal(bob.Name, Str(joined, "username"));
        var members = await scene.ExpectAsync("GET", $"/api/servers/{id}/members", alice.Token, null, HttpStatusCode.OK);
        var usernames = members.EnumerateArray().Select(m => Str(m, "username")).ToList();
        Assert.Contains(bob.Name, usernames);
        var owner = members.EnumerateArray().Single(m => Str(m, "username") == alice.Name);
        Assert.True(owner.GetProperty("is_owner").GetBoolean());
        Assert.Single(owner.GetProperty("roles").EnumerateArray());
    }

    [Fact]
    public async Task JoinServer_Twice_400()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);

        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/join", bob.Token), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task JoinServer_InviteOnly_404_WithoutInvite()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var s = await scene.ServerAsync(alice, inviteOnly: true);

        Problem(await scene.SendAsync("POST", $"/api/servers/{Id(s)}/join", bob.Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LeaveServer_204_AndNoLongerAMember()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);

        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/members/{bob.Id}", bob.Token, null, HttpStatusCode.NoContent);

        Problem(await scene.SendAsync("GET", $"/api/servers/{id}", bob.Token), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Owner_CannotLeave_400()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        Problem(await scene.SendAsync("DELETE", $"/api/servers/{id}/members/{alice.Id}", alice.Token), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Owner_CannotBeKicked_400()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var admin = Id(await scene.RoleAsync(id, alice, "Admin"));
        await scene.ExpectAsync("POST", $"/api/servers/{id}/members/{bob.Id}/roles/{admin}", alice.Token, null, HttpStatusCode.NoContent);

        Problem(await scene.SendAsync("DELETE", $"/api/servers/{id}/members/{alice.Id}", bob.Token), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Kick_ByOwner_204_MemberGone_MayRejoin()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);

        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/members/{bob.Id}", alice.Token, null, HttpStatusCode.NoContent);

        Assert.False(await factory.WithDbAsync(db => db.ServerMembers.AnyAsync(m => m.ServerId == id && m.UserId == bob.Id)));
        await scene.ExpectAsync("POST", $"/api/servers/{id}/join", bob.Token, null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task DefaultAdminRole_IsListed()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        var roles = await scene.ExpectAsync("GET", $"/api/servers/{id}/roles", alice.Token, null, HttpStatusCode.OK);

        Assert.Contains(roles.EnumerateArray(), r => r.GetProperty("is_admin").GetBoolean());
        var everyone = roles.EnumerateArray().Single(r => r.GetProperty("is_everyone").GetBoolean());
        Assert.Equal(((long)Permissions.EveryoneDefault).ToString(System.Globalization.CultureInfo.InvariantCulture), Str(everyone, "permissions"));
    }

    [Fact]
    public async Task CreateRole_201_WithNameAndColor()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        var role = await scene.ExpectAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "Moderator", color = "#ff0000" }, HttpStatusCode.Created);

        Assert.Equal("Moderator", Str(role, "name"));
        Assert.Equal("#FF0000", Str(role, "color"));
        Assert.Equal(1, role.GetProperty("position").GetInt32());
        Assert.Equal(2, (await scene.RoleAsync(id, alice, "Admin")).GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task CreateRole_NonAdmin_403()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);

        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/roles", bob.Token, new { name = "Moderator" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateRole_SameNameIgnoringCase_400()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "admin" }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "@Everyone" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UpdateRole_200()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var role = await scene.ExpectAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "Old", color = "#00FF00" }, HttpStatusCode.Created);

        var data = await scene.ExpectAsync("PATCH", $"/api/servers/{id}/roles/{Id(role)}", alice.Token, new { name = "NewName", permissions = "3072" }, HttpStatusCode.OK);

        Assert.Equal("NewName", Str(data, "name"));
        Assert.Equal("#00FF00", Str(data, "color"));
        Assert.Equal("3072", Str(data, "permissions"));
    }

    [Fact]
    public async Task DeleteRole_204_AndBuiltInRoles_400()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var role = await scene.ExpectAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "Temp" }, HttpStatusCode.Created);

        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/roles/{Id(role)}", alice.Token, null, HttpStatusCode.NoContent);

        Problem(await scene.SendAsync("DELETE", $"/api/servers/{id}/roles/{Id(await scene.RoleAsync(id, alice, "Admin"))}", alice.Token), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("DELETE", $"/api/servers/{id}/roles/{Id(await scene.RoleAsync(id, alice, "@everyone"))}", alice.Token), HttpStatusCode.BadRequest);
        Assert.Equal(1, (await scene.RoleAsync(id, alice, "Admin")).GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task AssignAndRemoveRole_204()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var role = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/roles", alice.Token, new { name = "Member" }, HttpStatusCode.Created));

        await scene.ExpectAsync("POST", $"/api/servers/{id}/members/{bob.Id}/roles/{role}", alice.Token, null, HttpStatusCode.NoContent);
        Assert.True(await factory.WithDbAsync(db => db.MemberRoles.AnyAsync(a => a.UserId == bob.Id && a.RoleId == role)));
        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/members/{bob.Id}/roles/{role}", alice.Token, null, HttpStatusCode.NoContent);
        Assert.False(await factory.WithDbAsync(db => db.MemberRoles.AnyAsync(a => a.UserId == bob.Id && a.RoleId == role)));
    }
}
