using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Rooms;

/// <summary>A room with its owner and one guest, both connected, and every arrival already read.</summary>
internal sealed class RoomScene : IAsyncDisposable
{
    private RoomScene(MeursFactory factory, TestBrowser owner, TestBrowser guest, string roomId, TestSocket ownerSocket, TestSocket guestSocket)
    {
        Factory = factory;
        Owner = owner;
        Guest = guest;
        RoomId = roomId;
        OwnerSocket = ownerSocket;
        GuestSocket = guestSocket;
    }

    public MeursFactory Factory { get; }

    public TestBrowser Owner { get; }

    public TestBrowser Guest { get; }

    public string RoomId { get; }

    public TestSocket OwnerSocket { get; }

    public TestSocket GuestSocket { get; }

    public static async Task<RoomScene> StartAsync(MeursFactory factory)
    {
        var owner = await factory.SignedUpAsync("o");
        var guest = await factory.SignedUpAsync("g");
        var roomId = await owner.CreateRoomAsync();
        var ownerSocket = await owner.JoinRoomAsync(roomId);
        var guestSocket = await guest.JoinRoomAsync(roomId);
        await ownerSocket.ReceiveUntilAsync(f => f.Target == "#members" && f.Content.Contains(guest.UserName, StringComparison.Ordinal));
        return new RoomScene(factory, owner, guest, roomId, ownerSocket, guestSocket);
    }

    /// <summary>How many sockets the server holds for this room right now.</summary>
    public int ServerConnections =>
        Factory.Services.GetRequiredService<RealtimeHub>().Subscribers(ChannelId.Room(RoomId)).Count;

    /// <summary>Waits until the server has let go of closed sockets (polling; the patience only turns a hang into a failure).</summary>
    public async Task WaitForServerConnectionsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TestSocket.Patience;
        while (ServerConnections != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the server still holds {ServerConnections} sockets, expected {count}");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await GuestSocket.DisposeAsync();
        await OwnerSocket.DisposeAsync();
        Guest.Dispose();
        Owner.Dispose();
    }
}
