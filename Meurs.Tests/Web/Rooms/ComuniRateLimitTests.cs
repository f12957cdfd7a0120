using System.Net.WebSockets;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;

namespace Meurs.Tests.Web.Rooms;

/// <summary>Chat rate limits on the JSON socket: a burst of 10, then refusals; per person.</summary>
public sealed class ComuniRateLimitTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Chat_EleventhInABurst_RateLimitedNotStoredNotBroadcastAndOthersUnaffected()
    {
        Assert.Equal(10, new RoomsOptions().ChatBurst);
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var chatty = await Comuni.UserAsync(api, "cht");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var chattySocket = await Comuni.JoinAsync(factory, roomId, chatty);
        await ownerSocket.ReceiveUntilMembersAsync(chatty.Name);

        // The limiter's bucket refills 10 s after a person's first message; a burst of 11 is far quicker than that.
        for (var i = 1; i <= 11; i++)
        {
            await chattySocket.SendChatAsync($"burst {i}");
        }
        var replies = await chattySocket.ReceiveUntilAsync(e => Comuni.Type(e) == "error");

        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"burst {i}"), replies.SkipLast(1).Select(e => Comuni.Str(e, "text")!));
        Assert.Equal(("error", "rate_limited"), (Comuni.Type(replies[^1]), Comuni.Str(replies[^1], "code")));
        Assert.False(string.IsNullOrWhiteSpace(Comuni.Str(replies[^1], "detail")));
        Assert.Equal(WebSocketState.Open, chattySocket.Socket.State);
        var stored = (await Comuni.EventsAsync(factory, roomId)).Where(m => m.Kind == RoomMessageKind.Chat).Select(m => m.Text).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"burst {i}"), stored);

        // Someone else may still talk, and the owner saw the ten and then that, never the eleventh.
        await ownerSocket.SendChatAsync("i can still talk");
        var ownerSaw = await ownerSocket.ReceiveUntilChatAsync("i can still talk");
        Assert.Equal(
            Enumerable.Range(1, 10).Select(i => $"burst {i}").Append("i can still talk"),
            ownerSaw.Select(e => Comuni.Str(e, "text")!));
        Assert.True(JsonRoomSocket.IsText(await chattySocket.ReceiveAsync(), "chat", "i can still talk"));
    }

    [Fact]
    public async Task Chat_RateLimitedUser_IsLimitedOnEveryConnectionButTheRoomGoesOn()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var chatty = await Comuni.UserAsync(api, "cht");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var first = await Comuni.JoinAsync(factory, roomId, chatty);
        await using var second = await Comuni.ConnectAsync(factory, roomId, chatty);
        await second.ReceiveUntilMembersAsync(chatty.Name);
        for (var i = 1; i <= 10; i++)
        {
            await first.SendChatAsync($"burst {i}");
        }
        await first.ReceiveUntilChatAsync("burst 10");
        await second.ReceiveUntilChatAsync("burst 10");

        await second.SendChatAsync("from my other tab");
        var reply = await second.ReceiveAsync();

        Assert.Equal(("error", "rate_limited"), (Comuni.Type(reply), Comuni.Str(reply, "code")));
        await ownerSocket.SendChatAsync("owner unaffected");
        Assert.True(JsonRoomSocket.IsText(await second.ReceiveAsync(), "chat", "owner unaffected"));
    }
}
