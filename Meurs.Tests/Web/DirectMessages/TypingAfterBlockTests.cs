using System.Net;
using Meurs.Tests.Web.Messages;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.DirectMessages;

/// <summary>
/// A block hides typing both ways, in a shared server channel and in a direct message: neither the blocker nor the
/// blocked person sees "is typing" from the other, while everyone else still does. Each check waits for a later typing
/// signal on the same socket: the hub delivers a channel's events in order, so a hidden one would have come first.
/// </summary>
public sealed class TypingAfterBlockTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    private const string Typing = """{"type":"typing","headers":{"HX-Request":"true"}}""";

    [Fact]
    public async Task SharedChannel_BlockEitherWay_HidesTyping_OthersStillSeeIt()
    {
        using var scene = new DmScene(factory);
        var ann = await scene.PersonAsync("tba");
        var ben = await scene.PersonAsync("tbb");
        var cat = await scene.PersonAsync("tbc");
        var (_, channel) = await scene.ShareAServerAsync(ann, ben, cat);
        await scene.BlockAsync(ben, ann);
        await using var annSocket = await ann.Browser.ConnectAsync($"/ws/channels/{channel:N}");
        await using var benSocket = await ben.Browser.ConnectAsync($"/ws/channels/{channel:N}");
        await using var catSocket = await cat.Browser.ConnectAsync($"/ws/channels/{channel:N}");

        // Ann (blocked by Ben) types: Cat sees it; Ben's next typing signal is Cat's, not Ann's.
        await annSocket.SendTextAsync(Typing);
        Assert.Contains($"{ann.Name} is typing", (await NextTypingAsync(catSocket)).Content, StringComparison.Ordinal);
        await catSocket.SendTextAsync(Typing);
        var benSees = await NextTypingAsync(benSocket);
        Assert.Contains($"{cat.Name} is typing", benSees.Content, StringComparison.Ordinal);
        Assert.Contains($"{cat.Name} is typing", (await NextTypingAsync(annSocket)).Content, StringComparison.Ordinal);

        // Ben (the blocker) types: Cat sees it; Ann's next typing signal is Cat's, not Ben's.
        await benSocket.SendTextAsync(Typing);
        Assert.Contains($"{ben.Name} is typing", (await NextTypingAsync(catSocket)).Content, StringComparison.Ordinal);
        await catSocket.SendTextAsync(Typing);
        var annSees = await NextTypingAsync(annSocket);
        Assert.Contains($"{cat.Name} is typing", annSees.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectMessage_AfterABlock_TheOtherDoesNotSeeTyping_OnPageOrApiSocket()
    {
        using var scene = new DmScene(factory);
        using var api = ApiClient.For(factory);
        var (ann, ben) = await scene.FriendsAsync();
        await DmScene.SendAsync(api, ann, ben, "hello before the block");
        var conversation = await scene.ConversationOfAsync(ann, ben);
        await scene.BlockAsync(ben, ann);
        await using var benPage = await ben.Browser.ConnectAsync($"/ws/channels/{conversation:N}");
        await using var benApi = await JsonRoomSocket.ConnectAsync(factory, $"/api/ws/channels/{conversation:N}", ben.Name, ben.Token);
        await using var annPage = await ann.Browser.ConnectAsync($"/ws/channels/{conversation:N}");

        // Ann types, by socket and by REST; then Ben types by REST (which reaches all his own connections): on each of
        // Ben's sockets the first typing signal is his own.
        await annPage.SendTextAsync(Typing);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/channels/{conversation}/typing", "", ann.Token)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/channels/{conversation}/typing", "", ben.Token)).Status);

        Assert.Contains($"{ben.Name} is typing", (await NextTypingAsync(benPage)).Content, StringComparison.Ordinal);
        var envelope = (await benApi.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "typing.started"))[^1];
        Assert.Equal(ben.Id, envelope.GetProperty("data").GetProperty("user_id").GetGuid());

        // Nor does Ann see Ben's: her socket gets her own REST signals (before and after his), and nothing between them.
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/channels/{conversation}/typing", "", ann.Token)).Status);
        Assert.Contains($"{ann.Name} is typing", (await NextTypingAsync(annPage)).Content, StringComparison.Ordinal);
        Assert.Contains($"{ann.Name} is typing", (await NextTypingAsync(annPage)).Content, StringComparison.Ordinal);
    }

    // The next "is typing" indicator pushed to a page socket (other frames, such as the history, are skipped).
    private static async Task<Frame> NextTypingAsync(TestSocket socket) =>
        (await socket.ReceiveUntilAsync(f => f.Target == "#channel-typing"))[^1];
}
