using System.Net;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;
using static Meurs.Tests.Web.Servers.ServerScene;

namespace Meurs.Tests.Web.Servers;

/// <summary>Invites (made, listed, revoked, used up, expired) and bans (removing, blocking rejoining by id and by invite, lifted).</summary>
public sealed class InvitesAndBansTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Invite_Created201_Viewed_JoinsAnInviteOnlyServer_CountingUses()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = Id(await scene.ServerAsync(alice, "Private", inviteOnly: true));

        var invite = await scene.ExpectAsync("POST", $"/api/servers/{id}/invites", alice.Token, new { max_uses = 2, expires_in_seconds = 3600 }, HttpStatusCode.Created);
        var code = Str(invite, "code");
        Assert.Equal(8, code.Length);
        Assert.Equal(2, invite.GetProperty("max_uses").GetInt32());
        var preview = await scene.ExpectAsync("GET", $"/api/invites/{code}", bob.Token, null, HttpStatusCode.OK);
        Assert.Equal("Private", Str(preview.GetProperty("server"), "title"));
        var joined = await scene.ExpectAsync("POST", $"/api/invites/{code}/join", bob.Token, null, HttpStatusCode.OK);

        Assert.Equal(bob.Id, Id(joined, "user_id"));
        await scene.ExpectAsync("GET", $"/api/servers/{id}", bob.Token, null, HttpStatusCode.OK);
        Problem(await scene.SendAsync("POST", $"/api/invites/{code}/join", bob.Token), HttpStatusCode.BadRequest);
        Assert.Equal(1, await factory.WithDbAsync(db => db.ServerInvites.Where(i => i.Code == code).Select(i => i.Uses).SingleAsync()));
    }

    [Fact]
    public async Task Invite_UsedUp_410_Expired_410_Revoked_404()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var carol = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var once = Str(await scene.ExpectAsync("POST", $"/api/servers/{id}/invites", alice.Token, new { max_uses = 1 }, HttpStatusCode.Created), "code");
        var expiring = Str(await scene.ExpectAsync("POST", $"/api/servers/{id}/invites", alice.Token, new { expires_in_seconds = 60 }, HttpStatusCode.Created), "code");
        var revoked = Str(await scene.ExpectAsync("POST", $"/api/servers/{id}/invites", alice.Token, null, HttpStatusCode.Created), "code");

        await scene.ExpectAsync("POST", $"/api/invites/{once}/join", bob.Token, null, HttpStatusCode.OK);
        Problem(await scene.SendAsync("POST", $"/api/invites/{once}/join", carol.Token), HttpStatusCode.Gone);
        Problem(await scene.SendAsync("GET", $"/api/invites/{once}", carol.Token), HttpStatusCode.Gone);

        await factory.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE ServerInvites SET ExpiresAt = {DateTime.UtcNow.AddMinutes(-1)} WHERE Code = {expiring}"));
        Problem(await scene.SendAsync("POST", $"/api/invites/{expiring}/join", carol.Token), HttpStatusCode.Gone);

        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/invites/{revoked}", alice.Token, null, HttpStatusCode.NoContent);
        Problem(await scene.SendAsync("POST", $"/api/invites/{revoked}/join", carol.Token), HttpStatusCode.NotFound);
        Assert.False(await factory.WithDbAsync(db => db.ServerMembers.AnyAsync(m => m.ServerId == id && m.UserId == carol.Id)));
    }

    [Fact]
    public async Task Invites_InAnOpenServer_AnyMemberMayMakeOne_AndListsTheirOwn_InviteOnlyNeedsManageServer()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/invites", alice.Token, null, HttpStatusCode.Created);
        var bobs = Str(await scene.ExpectAsync("POST", $"/api/servers/{id}/invites", bob.Token, null, HttpStatusCode.Created), "code");

        var forBob = await scene.ExpectAsync("GET", $"/api/servers/{id}/invites", bob.Token, null, HttpStatusCode.OK);
        var forAlice = await scene.ExpectAsync("GET", $"/api/servers/{id}/invites", alice.Token, null, HttpStatusCode.OK);
        Assert.Equal([bobs], forBob.EnumerateArray().Select(i => Str(i, "code")));
        Assert.Equal(2, forAlice.GetArrayLength());

        await scene.ExpectAsync("PATCH", $"/api/servers/{id}", alice.Token, new { invite_only = true }, HttpStatusCode.OK);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/invites", bob.Token), HttpStatusCode.Forbidden);
        var alices = Str(forAlice.EnumerateArray().First(i => Str(i, "code") != bobs), "code");
        Problem(await scene.SendAsync("DELETE", $"/api/servers/{id}/invites/{alices}", bob.Token), HttpStatusCode.Forbidden);
        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/invites/{bobs}", bob.Token, null, HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Ban_RemovesTheMember_AndBlocksRejoiningByIdAndByInvite_UntilUnbanned()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var code = Str(await scene.ExpectAsync("POST", $"/api/servers/{id}/invites", alice.Token, null, HttpStatusCode.Created), "code");

        await scene.ExpectAsync("POST", $"/api/servers/{id}/bans/{bob.Id}", alice.Token, new { reason = "spam" }, HttpStatusCode.NoContent);

        Assert.False(await factory.WithDbAsync(db => db.ServerMembers.AnyAsync(m => m.ServerId == id && m.UserId == bob.Id)));
        Assert.Equal("spam", await factory.WithDbAsync(db => db.ServerBans.Where(b => b.ServerId == id && b.UserId == bob.Id).Select(b => b.Reason).SingleAsync()));
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/join", bob.Token), HttpStatusCode.Forbidden);
        Problem(await scene.SendAsync("POST", $"/api/invites/{code}/join", bob.Token), HttpStatusCode.Forbidden);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ServerInvites.Where(i => i.Code == code).Select(i => i.Uses).SingleAsync()));

        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/bans/{bob.Id}", alice.Token, null, HttpStatusCode.NoContent);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/join", bob.Token, null, HttpStatusCode.OK);
        Problem(await scene.SendAsync("DELETE", $"/api/servers/{id}/bans/{bob.Id}", alice.Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ban_TheOwner_400_AnUnknownUser_404_Twice_IsFine()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var carol = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var admin = Id(await scene.RoleAsync(id, alice, "Admin"));
        await scene.ExpectAsync("POST", $"/api/servers/{id}/members/{bob.Id}/roles/{admin}", alice.Token, null, HttpStatusCode.NoContent);

        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/bans/{alice.Id}", bob.Token), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/bans/{Guid.NewGuid()}", bob.Token), HttpStatusCode.NotFound);
        // Someone who never joined may be banned ahead of time.
        await scene.ExpectAsync("POST", $"/api/servers/{id}/bans/{carol.Id}", bob.Token, null, HttpStatusCode.NoContent);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/bans/{carol.Id}", bob.Token, null, HttpStatusCode.NoContent);
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/join", carol.Token), HttpStatusCode.Forbidden);
    }
}
