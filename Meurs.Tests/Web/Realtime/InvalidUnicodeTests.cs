using System.Net.WebSockets;
using Meurs.Tests.Web.Rooms;
using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;

namespace Meurs.Tests.Web.Realtime;

/// <summary>
/// A JSON-escaped lone surrogate (<c>"\ud800"</c>) is valid JSON that no one can read as text: on a socket it gets an
/// error frame and the socket stays open (it used to close with 1011), wherever in the message it is.
/// </summary>
public sealed class InvalidUnicodeTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    public static TheoryData<string> Messages => new()
    {
        "{\"type\":\"chat\",\"text\":\"a\\ud800b\"}",
        "{\"type\":\"chat\",\"text\":\"\\udc00\"}",
        "{\"type\":\"\\ud800\",\"text\":\"x\"}",
        "{\"type\":\"pm\",\"to\":\"\\ud800\",\"text\":\"x\"}",
        "{\"\\ud800\":1,\"type\":\"chat\",\"text\":\"x\"}",
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Read_LoneSurrogate_IsBadJsonNotAnException(string message)
    {
        var (command, refusal) = CommandReader.Read<MeCommand>(message);

        Assert.Null(command);
        Assert.NotNull(refusal);
        Assert.Contains(refusal.Code, new[] { "bad_json", "unknown_type", "bad_request" });
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task RoomSocket_LoneSurrogate_ErrorFrameAndTheSocketStaysOpen(string message)
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "uni");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var socket = await Comuni.JoinAsync(factory, roomId, owner);

        await socket.SendTextAsync(message);
        var reply = await socket.ReceiveAsync();

        Assert.Equal("error", Comuni.Type(reply));
        Assert.Equal(WebSocketState.Open, socket.Socket.State);
        var marker = Comuni.Marker();
        await socket.SendChatAsync(marker);
        Assert.True(JsonRoomSocket.IsText(await socket.ReceiveAsync(), "chat", marker), "the socket still works");
    }

    [Fact]
    public async Task CallSocket_LoneSurrogate_ErrorFrameAndTheSocketStaysOpen()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "uni");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var call = await JsonRoomSocket.ConnectAsync(factory, $"/ws/voice/{roomId}", owner.Name, owner.Token);

        await call.SendTextAsync("{\"type\":\"publish\",\"sdp\":\"v=0\\ud800\",\"sources\":{}}");
        var reply = await call.ReceiveUntilAsync(e => JsonRoomSocket.TypeOf(e) == "error");

        Assert.Contains(JsonRoomSocket.Str(reply[^1], "code"), new[] { "bad_json", "bad_request" });
        Assert.Equal(WebSocketState.Open, call.Socket.State);
    }
}
