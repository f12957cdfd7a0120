using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Friends;

public sealed class FriendsApiTests(MeursFactory factory) : IClassFixture<MeursFactory>, IDisposable
{
    private readonly FriendsScene scene = new(factory);

    public void Dispose() => scene.Dispose();

    [Fact]
    public async Task Send_ByUsernameInAnyCase_Is201Pending_AndBothSeeIt()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();

        var sent = await scene.SendAsync(alice, bob.Name.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.Created, sent.Status);
        var json = sent.Json!.Value;
        Assert.Equal("pending", json.GetProperty("status").GetString());
        Assert.Equal(alice.Name, json.GetProperty("sender").GetProperty("username").GetString());
        Assert.Equal(bob.Name, json.GetProperty("recipient").GetProperty("username").GetString());
        var incoming = Assert.Single(await scene.RequestsAsync(bob));
        Assert.Equal("incoming", incoming.GetProperty("direction").GetString());
        var outgoing = Assert.Single(await scene.RequestsAsync(alice));
        Assert.Equal("outgoing", outgoing.GetProperty("direction").GetString());
        Assert.Empty(await scene.FriendNamesAsync(alice));
    }

    [Fact]
    public async Task Send_ToSelf_400_ToUnknown_404()
    {
        var alice = await scene.PersonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await scene.SendAsync(alice, alice.Name)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.SendAsync(alice, "nobody" + Guid.NewGuid().ToString("N")[..8])).Status);
        Assert.Empty(await scene.RequestsAsync(alice));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"username\": null}")]
    [InlineData("{\"username\": 42}")]
    [InlineData("{\"username\": [\"bob\"]}")]
    [InlineData("{\"username\": \"\"}")]
    [InlineData("{\"username\": \"\\ud800bob\"}")]
    [InlineData("{\"username\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}")]
    [InlineData("[\"bob\"]")]
    [InlineData("not json")]
    public async Task Send_BadInput_400ProblemDetail_AndNothingStored(string body)
    {
        var alice = await scene.PersonAsync();

        var answer = await scene.SendRawAsync(alice, body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(string.IsNullOrEmpty(answer.Detail));
        Assert.Empty(await scene.RequestsAsync(alice));
    }

    [Fact]
    public async Task Send_Duplicate_409_AndReverseWhilePending_409SayingToAcceptTheirs()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();
        await scene.RequestAsync(alice, bob);

        var duplicate = await scene.SendAsync(alice, bob.Name);
        var reverse = await scene.SendAsync(bob, alice.Name);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal(HttpStatusCode.Conflict, reverse.Status);
        Assert.Contains("accept", reverse.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Single(await scene.RequestsAsync(bob));
    }

    [Fact]
    public async Task Send_Concurrent_Identical_One201_One409_Never500()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => scene.SendAsync(alice, bob.Name)));

        Assert.Equal(1, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        Assert.Single(await scene.RequestsAsync(bob));
    }

    [Fact]
    public async Task Send_AlreadyFriends_409()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();
        await scene.BefriendAsync(alice, bob);

        Assert.Equal(HttpStatusCode.Conflict, (await scene.SendAsync(alice, bob.Name)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await scene.SendAsync(bob, alice.Name)).Status);
    }

    [Fact]
    public async Task Accept_ByAddressee_200Accepted_BothListsHaveEachOther_RequestGone()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();
        var id = await scene.RequestAsync(alice, bob);

        var accepted = await scene.PostAsync(bob, $"/api/friends/requests/{id}/accept");

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal("accepted", accepted.Text("status"));
        Assert.Equal([bob.Name], await scene.FriendNamesAsync(alice));
        Assert.Equal([alice.Name], await scene.FriendNamesAsync(bob));
        Assert.Empty(await scene.RequestsAsync(alice));
        Assert.Equal(HttpStatusCode.NotFound, (await scene.PostAsync(bob, $"/api/friends/requests/{id}/accept")).Status);
    }

    [Fact]
    public async Task Accept_BySenderOrSomeoneElse_404_AndNothingChanges()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();
        var carol = await scene.PersonAsync();
        var id = await scene.RequestAsync(alice, bob);

        Assert.Equal(HttpStatusCode.NotFound, (await scene.PostAsync(carol, $"/api/friends/requests/{id}/accept")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.PostAsync(alice, $"/api/friends/requests/{id}/accept")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.PostAsync(carol, $"/api/friends/requests/{id}/decline")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.PostAsync(bob, "/api/friends/requests/not-an-id/accept")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.PostAsync(bob, $"/api/friends/requests/{Guid.NewGuid()}/accept")).Status);
        Assert.Single(await scene.RequestsAsync(bob));
        Assert.Empty(await scene.FriendNamesAsync(bob));
    }

    [Fact]
    public async Task Decline_ThenAskAgain_Is201_WhereTheChatSystemRefused()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();
        var id = await scene.RequestAsync(alice, bob);

        var declined = await scene.PostAsync(bob, $"/api/friends/requests/{id}/decline");
        Assert.Equal(HttpStatusCode.OK, declined.Status);
        Assert.Equal("declined", declined.Text("status"));
        Assert.Empty(await scene.RequestsAsync(alice));

        Assert.Equal(HttpStatusCode.Created, (await scene.SendAsync(alice, bob.Name)).Status);
    }

    [Fact]
    public async Task Cancel_BySender_204_ByAddresseeOrOther_404()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();
        var carol = await scene.PersonAsync();
        var id = await scene.RequestAsync(alice, bob);

        Assert.Equal(HttpStatusCode.NotFound, (await scene.DeleteAsync(bob, $"/api/friends/requests/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.DeleteAsync(carol, $"/api/friends/requests/{id}")).Status);
        Assert.Single(await scene.RequestsAsync(bob));

        Assert.Equal(HttpStatusCode.NoContent, (await scene.DeleteAsync(alice, $"/api/friends/requests/{id}")).Status);
        Assert.Empty(await scene.RequestsAsync(bob));
    }

    [Fact]
    public async Task Remove_Friend_204_BothSides_NonFriend_404()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();
        var carol = await scene.PersonAsync();
        await scene.BefriendAsync(alice, bob);

        Assert.Equal(HttpStatusCode.NotFound, (await scene.DeleteAsync(alice, $"/api/friends/{carol.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.DeleteAsync(alice, "/api/friends/nope")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await scene.DeleteAsync(alice, $"/api/friends/{bob.Id}")).Status);

        Assert.Empty(await scene.FriendNamesAsync(alice));
        Assert.Empty(await scene.FriendNamesAsync(bob));
        Assert.Equal(HttpStatusCode.NotFound, (await scene.DeleteAsync(bob, $"/api/friends/{alice.Id}")).Status);
    }

    [Fact]
    public async Task Block_EndsFriendshipAndRequestsBothWays_AndNeitherCanRequest_SameSentenceBothWays()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();
        var carol = await scene.PersonAsync();
        await scene.BefriendAsync(alice, bob);
        await scene.RequestAsync(carol, bob);

        Assert.Equal(HttpStatusCode.NoContent, (await scene.PutAsync(bob, $"/api/blocks/{alice.Id}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await scene.PutAsync(bob, $"/api/blocks/{carol.Id}")).Status);

        Assert.Empty(await scene.FriendNamesAsync(alice));
        Assert.Empty(await scene.FriendNamesAsync(bob));
        Assert.Empty(await scene.RequestsAsync(carol));
        var byBlocked = await scene.SendAsync(alice, bob.Name);
        var byBlocker = await scene.SendAsync(bob, alice.Name);
        Assert.Equal(HttpStatusCode.Forbidden, byBlocked.Status);
        Assert.Equal(HttpStatusCode.Forbidden, byBlocker.Status);
        Assert.Equal(byBlocked.Detail, byBlocker.Detail);
        Assert.DoesNotContain("block", byBlocked.Detail, StringComparison.OrdinalIgnoreCase);
        var blocked = (await scene.GetAsync(bob, "/api/blocks")).Json!.Value.EnumerateArray().Select(b => b.GetProperty("username").GetString()).ToList();
        Assert.Equal(new[] { alice.Name, carol.Name }.Order(StringComparer.Ordinal), blocked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Block_Self400_Unknown404_Twice204_Unblock204_ThenNotBlocked404()
    {
        var alice = await scene.PersonAsync();
        var bob = await scene.PersonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await scene.PutAsync(alice, $"/api/blocks/{alice.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.PutAsync(alice, $"/api/blocks/{Guid.NewGuid()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.PutAsync(alice, "/api/blocks/xyz")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await scene.PutAsync(alice, $"/api/blocks/{bob.Id}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await scene.PutAsync(alice, $"/api/blocks/{bob.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.DeleteAsync(bob, $"/api/blocks/{alice.Id}")).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await scene.DeleteAsync(alice, $"/api/blocks/{bob.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.DeleteAsync(alice, $"/api/blocks/{bob.Id}")).Status);
        Assert.Empty((await scene.GetAsync(alice, "/api/blocks")).Json!.Value.EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, (await scene.SendAsync(bob, alice.Name)).Status);
    }

    [Fact]
    public async Task Anonymous_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await scene.Api.GetAsync("/api/friends/")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scene.Api.PostJsonAsync("/api/friends/requests", new { username = "x" })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scene.Api.GetAsync("/api/blocks")).Status);
    }
}
