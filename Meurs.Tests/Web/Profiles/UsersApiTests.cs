using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using static Meurs.Tests.Web.Profiles.ProfileScene;

namespace Meurs.Tests.Web.Profiles;

/// <summary>
/// <c>GET|PATCH /api/users/me</c> and <c>GET /api/users/{id}</c>: the Chat system's user shape plus Meurs' fields; every
/// bad input is a 400 naming the field and changes nothing; a username is unique in any letter case (409).
/// </summary>
public sealed class UsersApiTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task GetMe_NewAccount_HasTheChatShapeWithEmptyProfile()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync("alice");

        var me = Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK);

        Assert.Equal(alice.Id, me.GetProperty("id").GetGuid());
        Assert.Equal(alice.Name, Str(me, "username"));
        Assert.Equal(JsonValueKind.Null, me.GetProperty("avatar").ValueKind);
        Assert.Equal(JsonValueKind.Null, me.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, me.GetProperty("display_name").ValueKind);
        Assert.Equal("", Str(me, "about"));
        Assert.Equal("", Str(me, "custom_status"));
        Assert.False(me.GetProperty("dm_friends_only").GetBoolean());
        Assert.Contains(Str(me, "status"), new[] { "online", "offline" });
        Assert.True(me.TryGetProperty("created_at", out _));
    }

    [Fact]
    public async Task PatchMe_SetsTheFields_Trimmed_AndOthersSeeThePublicProfile()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        using var bob = await scene.PersonAsync();

        var me = Expect(await scene.PatchAsync(alice.Token, new { display_name = "  Alice A.  ", about = "Hello, I'm Alice\r\nsecond line", custom_status = "🎧 listening", dm_friends_only = true }), HttpStatusCode.OK);

        Assert.Equal("Alice A.", Str(me, "display_name"));
        Assert.Equal("Hello, I'm Alice\nsecond line", Str(me, "about"));
        Assert.Equal("Hello, I'm Alice\nsecond line", Str(me, "description"));
        Assert.Equal("🎧 listening", Str(me, "custom_status"));
        Assert.True(me.GetProperty("dm_friends_only").GetBoolean());
        var seen = Expect(await scene.Api.GetAsync($"/api/users/{alice.Id}", bob.Token), HttpStatusCode.OK);
        Assert.Equal("Alice A.", Str(seen, "display_name"));
        Assert.Equal(alice.Name, Str(seen, "username"));
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("dm_friends_only").ValueKind);
        var again = Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK);
        Assert.Equal("🎧 listening", Str(again, "custom_status"));
    }

    [Fact]
    public async Task PatchMe_EmptyDisplayName_MeansNone_AndDescriptionIsTheChatSystemsNameForAbout()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        Expect(await scene.PatchAsync(alice.Token, new { display_name = "Al" }), HttpStatusCode.OK);

        var me = Expect(await scene.PatchAsync(alice.Token, new { display_name = "   ", description = "Hello, I'm Alice" }), HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, me.GetProperty("display_name").ValueKind);
        Assert.Equal("Hello, I'm Alice", Str(me, "description"));
        Assert.Equal("Hello, I'm Alice", Str(me, "about"));
    }

    [Theory]
    [InlineData("""{"display_name":"123456789012345678901234567890123"}""", "display name is at most 32")]
    [InlineData("""{"about":"__191__"}""", "about text is at most 190")]
    [InlineData("""{"custom_status":"__129__"}""", "custom status is at most 128")]
    [InlineData("""{"display_name":"a\ud800b"}""", "invalid Unicode")]
    [InlineData("""{"about":"\udc00"}""", "invalid Unicode")]
    [InlineData("""{"custom_status":"bell\u0007"}""", "control characters")]
    [InlineData("""{"display_name":"two\nlines"}""", "control characters")]
    [InlineData("""{"display_name":5}""", "'display_name' must be a string")]
    [InlineData("""{"about":["a"]}""", "'about' must be a string")]
    [InlineData("""{"dm_friends_only":"yes"}""", "'dm_friends_only' must be true or false")]
    [InlineData("""{"username":false}""", "'username' must be a string")]
    [InlineData("""{"status":"idle"}""", "'status' is not a field")]
    [InlineData("""{"display_name":"ok","colour":"red"}""", "'colour' is not a field")]
    [InlineData("""{"about":"a","description":"b"}""", "not both")]
    [InlineData("""[]""", "JSON object")]
    [InlineData("""{"display_name":""", "not valid JSON")]
    [InlineData("""{"username":"no spaces allowed"}""", "Username must be")]
    public async Task PatchMe_BadInput_400WithTheReason_AndNothingChanges(string body, string reason)
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        Expect(await scene.PatchAsync(alice.Token, new { display_name = "Before", about = "before", custom_status = "before" }), HttpStatusCode.OK);
        body = body.Replace("__191__", new string('a', 191), StringComparison.Ordinal).Replace("__129__", new string('b', 129), StringComparison.Ordinal);

        var response = await scene.PatchRawAsync(alice.Token, body.Replace("\"ok\"", "\"Changed\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(reason, response.Detail, StringComparison.Ordinal);
        var me = Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK);
        Assert.Equal(("Before", "before", "before", alice.Name), (Str(me, "display_name"), Str(me, "about"), Str(me, "custom_status"), Str(me, "username")));
    }

    [Fact]
    public async Task PatchMe_BadTextWithAGoodUsername_RenamesNothing()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var response = await scene.PatchAsync(alice.Token, new { username = "fresh" + Guid.NewGuid().ToString("N")[..8], about = new string('x', 191) });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(alice.Name, Str(Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK), "username"));
    }

    [Fact]
    public async Task PatchMe_NotJson_415_AndWithoutToken_401()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await scene.PatchRawAsync(alice.Token, "display_name=x", "application/x-www-form-urlencoded")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scene.Api.SendAsync(HttpMethod.Patch, "/api/users/me", null, new StringContent("{}"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scene.Api.GetAsync("/api/users/me")).Status);
    }

    [Fact]
    public async Task PatchMe_Username_TakenInAnotherCase_409_ButOwnCaseChangeIsFine()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync("alice");
        using var bob = await scene.PersonAsync("bob");

        var taken = await scene.PatchAsync(bob.Token, new { username = alice.Name.ToUpperInvariant() });
        var recased = Expect(await scene.PatchAsync(alice.Token, new { username = alice.Name.ToUpperInvariant() }), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Contains("is taken", taken.Detail, StringComparison.Ordinal);
        Assert.Equal(bob.Name, Str(Expect(await scene.MeAsync(bob.Token), HttpStatusCode.OK), "username"));
        Assert.Equal(alice.Name.ToUpperInvariant(), Str(recased, "username"));
    }

    [Fact]
    public async Task PatchMe_Username_RenamesAndTheNewNameLogsIn()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        var fresh = "renamed" + Guid.NewGuid().ToString("N")[..8];

        var me = Expect(await scene.PatchAsync(alice.Token, new { username = fresh }), HttpStatusCode.OK);

        Assert.Equal(fresh, Str(me, "username"));
        Assert.Equal(HttpStatusCode.OK, (await scene.Api.LogInAsync(fresh)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await scene.Api.LogInAsync(alice.Name)).Status);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-an-id")]
    public async Task GetUser_UnknownOrMalformed_404(string id)
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await scene.Api.GetAsync($"/api/users/{id}", alice.Token)).Status);
    }

    [Fact]
    public async Task PatchMe_PublishesUserUpdated_OnTheirOwnChannelOnly()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        using var bob = await scene.PersonAsync();
        await using var aliceSocket = await JsonRoomSocket.ConnectAsync(factory, "/api/ws/me", alice.Name, alice.Token);
        await using var bobSocket = await JsonRoomSocket.ConnectAsync(factory, "/api/ws/me", bob.Name, bob.Token);

        Expect(await scene.PatchAsync(alice.Token, new { custom_status = "busy building" }), HttpStatusCode.OK);
        Expect(await scene.PatchAsync(bob.Token, new { custom_status = "bob's own" }), HttpStatusCode.OK);

        var events = await aliceSocket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "user.updated");
        var data = events[^1].GetProperty("data");
        Assert.Equal(alice.Id, data.GetProperty("id").GetGuid());
        Assert.Equal("busy building", Str(data, "custom_status"));
        var bobs = await bobSocket.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "user.updated");
        Assert.Equal(bob.Id, bobs[^1].GetProperty("data").GetProperty("id").GetGuid());
    }
}
