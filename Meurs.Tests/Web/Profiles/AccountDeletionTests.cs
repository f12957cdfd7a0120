using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Friends;
using Microsoft.EntityFrameworkCore;
using static Meurs.Tests.Web.Profiles.ProfileScene;

namespace Meurs.Tests.Web.Profiles;

/// <summary>
/// Deleting an account from the settings page: confirmed with the password, refused while the person owns servers;
/// their messages stay readable for everyone else, signed "Deleted user"; their friendships, requests, blocks, rooms and
/// avatar go; they can no longer sign in.
/// </summary>
public sealed class AccountDeletionTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    private static Task<(HttpResponseMessage Response, string Html)> DeleteAsync(ProfilePerson person, string password) =>
        PostProfileFormAsync(person.Browser, "/profile/delete", ("password", password));

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest, "Enter your password")]
    [InlineData("not the password", HttpStatusCode.Forbidden, "The password is wrong.")]
    public async Task Delete_WithoutTheRightPassword_IsRefused_AndTheAccountStays(string password, HttpStatusCode status, string reason)
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var (response, html) = await DeleteAsync(alice, password);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await scene.MeAsync(alice.Token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await alice.Browser.GetAsync("/profile")).StatusCode);
    }

    [Fact]
    public async Task Delete_OwnerOfServers_IsRefusedNamingThem()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        var (serverId, _) = await ChannelScene.ServerWithMessageAsync(scene, alice, alice, "mine");
        var name = await factory.WithDbAsync(db => db.Servers.Where(s => s.Id == serverId).Select(s => s.Name).SingleAsync());

        var (response, html) = await DeleteAsync(alice, TestBrowser.DefaultPassword);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"You own a server: {name}. Delete it first.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await scene.MeAsync(alice.Token)).Status);
    }

    [Fact]
    public async Task Delete_KeepsOthersConversationsReadable_AndRemovesTheirRelationsRoomsAndAvatar()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync("alice");
        using var bob = await scene.PersonAsync("bob");
        using var carol = await scene.PersonAsync("carol");
        var avatar = Str(Expect(await scene.UploadAsync(bob.Token, TestImages.Png(50, 50)), HttpStatusCode.OK), "avatar")!;
        var (serverId, channelId) = await ChannelScene.ServerWithMessageAsync(scene, alice, bob, "a message bob wrote");
        Expect(await scene.Api.PostJsonAsync($"/api/channels/{channelId}/messages", new { content = "alice answers" }, alice.Token), HttpStatusCode.Created);
        var roomId = await bob.Browser.CreateRoomAsync();
        await factory.WithDbAsync(async db =>
        {
            db.Friendships.AddRange(new Friendship { UserId = bob.Id, FriendId = alice.Id }, new Friendship { UserId = alice.Id, FriendId = bob.Id });
            db.FriendRequests.Add(new FriendRequest { FromId = carol.Id, ToId = bob.Id });
            db.UserBlocks.Add(new UserBlock { BlockerId = bob.Id, BlockedId = carol.Id });
            return await db.SaveChangesAsync();
        });

        var (response, html) = await DeleteAsync(bob, TestBrowser.DefaultPassword);

        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{(int)response.StatusCode}: {html}");
        Assert.Equal("/login", response.Headers.GetValues("HX-Redirect").Single());
        var (page, channelHtml) = await alice.Browser.GetHtmlAsync($"/servers/{serverId:N}/channels/{channelId:N}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("a message bob wrote", channelHtml, StringComparison.Ordinal);
        Assert.Contains("<span class=\"person-name\">Deleted user</span>", channelHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(bob.Name, channelHtml, StringComparison.Ordinal);
        var messages = Expect(await scene.Api.GetAsync($"/api/channels/{channelId}/messages", alice.Token), HttpStatusCode.OK);
        var bobs = messages.EnumerateArray().Single(m => Str(m, "content") == "a message bob wrote").GetProperty("author");
        Assert.Equal(JsonValueKind.Null, bobs.TryGetProperty("id", out var authorId) ? authorId.ValueKind : JsonValueKind.Null);
        Assert.Equal("Deleted user", Str(bobs, "username"));
        Assert.Equal(HttpStatusCode.NotFound, (await scene.Api.GetAsync($"/api/users/{bob.Id}", alice.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.Browser.GetAsync($"/people/{bob.Id:N}/card")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scene.Api.LogInAsync(bob.Name)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scene.MeAsync(bob.Token)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await bob.Browser.GetAsync("/profile")).StatusCode);
        Assert.False(File.Exists(scene.AvatarPath(avatar)));
        var left = await factory.WithDbAsync(async db => (
            await db.Friendships.CountAsync(f => f.UserId == bob.Id || f.FriendId == bob.Id),
            await db.FriendRequests.CountAsync(r => r.FromId == bob.Id || r.ToId == bob.Id),
            await db.UserBlocks.CountAsync(b => b.BlockerId == bob.Id || b.BlockedId == bob.Id),
            await db.Rooms.CountAsync(r => r.Id == roomId),
            await db.ServerMembers.CountAsync(m => m.UserId == bob.Id)));
        Assert.Equal((0, 0, 0, 0, 0), left);
    }
}
