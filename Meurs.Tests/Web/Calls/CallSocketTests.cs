using System.Net.WebSockets;
using System.Text.Json;
using Meurs.Tests.Web.Rooms;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Calls;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Calls;

/// <summary><c>/ws/voice/{id}</c>: who may be in a room's call, the participant list and states, replacement and ending.</summary>
public sealed class CallSocketTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Connect_Refusals_AnonymousForeignOriginNonMemberUnknownAndMalformedRoom()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var stranger = await Comuni.UserAsync(api, "str");
        var roomId = await Comuni.CreateRoomAsync(api, owner);

        Assert.Equal(401, await JsonRoomSocket.RefusedStatusAsync(factory, $"/ws/voice/{roomId}", authorization: null));
        Assert.Equal(401, await JsonRoomSocket.RefusedStatusAsync(factory, $"/ws/voice/{roomId}", "Bearer meurs_" + new string('x', 43)));
        Assert.Equal(403, await JsonRoomSocket.RefusedStatusAsync(factory, $"/ws/voice/{roomId}", "Bearer " + owner.Token, origin: "https://evil.example"));
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, $"/ws/voice/{roomId}", "Bearer " + stranger.Token));
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, "/ws/voice/zzzzzzz", "Bearer " + owner.Token));
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, "/ws/voice/..%2F..%2Fx", "Bearer " + owner.Token));
        Assert.Empty(factory.Services.GetRequiredService<PresenceService>().Present(ChannelId.Call(roomId)));
    }

    [Fact]
    public async Task JoinAndStates_EveryoneInTheCallAndOnTheRoomPageSeesThemLive()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var guest = await Comuni.UserAsync(api, "gst");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", guest.Token);
        using var watcher = await factory.SignedUpAsync("web");
        await using var page = await watcher.JoinRoomAsync(roomId);

        await using var ownerCall = await JoinCallAsync(roomId, owner);
        var first = await ownerCall.ReceiveUntilAsync(e => Participants(e).Count == 1);
        Assert.Equal(owner.Name, Participants(first[^1])[0].GetProperty("user").GetString());
        await page.ReceiveUntilAsync(f => f.Target == "#call" && f.Content.Contains($"data-user=\"{owner.Name}\"", StringComparison.Ordinal));

        await using var guestCall = await JoinCallAsync(roomId, guest);
        var both = (await ownerCall.ReceiveUntilAsync(e => Participants(e).Count == 2))[^1];
        Assert.Equal([owner.Name, guest.Name], Participants(both).Select(p => p.GetProperty("user").GetString()));
        var guestView = (await guestCall.ReceiveUntilAsync(e => Participants(e).Count == 2))[^1];
        Assert.Equal(GuidOf(guestView, "you"), Participants(guestView)[1].GetProperty("user_id").GetGuid());

        // Deafened implies muted, whatever the client said.
        await guestCall.SendJsonAsync(new { type = "state", muted = false, deafened = true, camera = true, screen = false });
        var changed = (await ownerCall.ReceiveUntilAsync(e => Participants(e).Count == 2 && Participants(e)[1].GetProperty("deafened").GetBoolean()))[^1];
        var state = Participants(changed)[1];
        Assert.Equal((true, true, true, false), (state.GetProperty("muted").GetBoolean(), state.GetProperty("deafened").GetBoolean(), state.GetProperty("camera").GetBoolean(), state.GetProperty("screen").GetBoolean()));
        var swap = (await page.ReceiveUntilAsync(f => f.Target == "#call" && f.Content.Contains("deafened", StringComparison.Ordinal)))[^1];
        Assert.Contains("camera", swap.Content, StringComparison.Ordinal);
        Assert.DoesNotContain(">muted<", swap.Content, StringComparison.Ordinal); // deafened is shown instead

        // The guest leaves: the others see one participant again; the last one leaving ends the call.
        await guestCall.CloseAsync();
        await ownerCall.ReceiveUntilAsync(e => Participants(e).Count == 1);
        await ownerCall.CloseAsync();
        await page.ReceiveUntilAsync(f => f.Target == "#call" && !f.Content.Contains("<li", StringComparison.Ordinal));
        Assert.Empty(factory.Services.GetRequiredService<PresenceService>().Present(ChannelId.Call(roomId)));
    }

    [Theory]
    [InlineData("not json", "bad_json")]
    [InlineData("[1,2]", "bad_request")]
    [InlineData("{\"type\":42}", "bad_request")]
    [InlineData("{\"type\":\"dance\"}", "unknown_type")]
    [InlineData("{\"type\":\"state\",\"muted\":true}", "bad_request")]
    [InlineData("{\"type\":\"state\",\"muted\":\"yes\",\"deafened\":false,\"camera\":false,\"screen\":false}", "bad_request")]
    public async Task BadMessage_GetsAnErrorAndTheSocketStaysOpen(string frame, string code)
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var call = await JoinCallAsync(roomId, owner);
        await call.ReceiveUntilAsync(e => Participants(e).Count == 1);

        await call.SendTextAsync(frame);

        var error = (await call.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "error"))[^1];
        Assert.Equal(code, JsonRoomSocket.Str(error, "code"));
        await call.SendJsonAsync(new { type = "state", muted = true, deafened = false, camera = false, screen = false });
        await call.ReceiveUntilAsync(e => Participants(e).Count == 1 && Participants(e)[0].GetProperty("muted").GetBoolean());
        Assert.Equal(WebSocketState.Open, call.Socket.State);
    }

    [Fact]
    public async Task MessagesPastTheBurst_GetRateLimitedAndChangeNothing()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var call = await JoinCallAsync(roomId, owner);
        await call.ReceiveUntilAsync(e => Participants(e).Count == 1);

        // Far more than the burst, back to back: the refill (5 a second) cannot keep up with a loop.
        for (var i = 0; i < CallSocket.MessageBurst * 3; i++)
        {
            await call.SendJsonAsync(new { type = "state", muted = i % 2 == 0, deafened = false, camera = false, screen = false });
        }

        var error = (await call.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "error"))[^1];
        Assert.Equal("rate_limited", JsonRoomSocket.Str(error, "code"));
        Assert.Equal(WebSocketState.Open, call.Socket.State);
    }

    [Fact]
    public async Task SecondConnectionOfTheSameUser_ReplacesTheFirst()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var first = await JoinCallAsync(roomId, owner);
        await first.ReceiveUntilAsync(e => Participants(e).Count == 1);

        await using var second = await JoinCallAsync(roomId, owner);

        await first.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "replaced");
        Assert.Equal(ConnectionReplaced.Code, await first.ReceiveCloseAsync());
        var list = (await second.ReceiveUntilAsync(e => Participants(e).Count == 1))[^1];
        Assert.Equal(owner.Name, Participants(list)[0].GetProperty("user").GetString());
        // The replaced connection closing does not take the person out of the call.
        await first.CloseAsync();
        var presence = factory.Services.GetRequiredService<PresenceService>();
        Assert.Equal(owner.Name, Assert.Single(presence.Present(ChannelId.Call(roomId))).UserName);
    }

    [Fact]
    public async Task RoomClosedByOwner_EndsTheCallAndClosesItsSockets()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var guest = await Comuni.UserAsync(api, "gst");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await api.PostAsync($"/api/comuni/rooms/{roomId}/join", "", guest.Token);
        await using var call = await JoinCallAsync(roomId, guest);
        await call.ReceiveUntilAsync(e => Participants(e).Count == 1);

        await api.SendAsync(HttpMethod.Delete, $"/api/comuni/rooms/{roomId}", owner.Token, null);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await call.ReceiveCloseAsync());
        Assert.Empty(factory.Services.GetRequiredService<PresenceService>().Present(ChannelId.Call(roomId)));
        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(factory, $"/ws/voice/{roomId}", "Bearer " + guest.Token));
    }

    private Task<JsonRoomSocket> JoinCallAsync(string roomId, ApiUser user) =>
        JsonRoomSocket.ConnectAsync(factory, $"/ws/voice/{roomId}", user.Name, user.Token);

    private static List<JsonElement> Participants(JsonElement envelope) =>
        JsonRoomSocket.TypeOf(envelope) == "participants" ? [.. envelope.GetProperty("participants").EnumerateArray()] : [];

    private static Guid GuidOf(JsonElement envelope, string property) => envelope.GetProperty(property).GetGuid();
}
