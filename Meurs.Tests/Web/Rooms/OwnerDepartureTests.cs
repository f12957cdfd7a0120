using System.Net;
using System.Net.WebSockets;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Rooms;

/// <summary>
/// When the owner's departure clears a room's history: when they leave on purpose (the Leave button, or
/// <c>{"type":"leave"}</c>), or once they have been away for <see cref="RoomsOptions.OwnerAwayGracePeriod"/>; not
/// when they visit another page and come back. Time moves on a <see cref="FakeTimeProvider"/>, whose timers fire
/// when it is advanced.
/// </summary>
public sealed class OwnerDepartureTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly MeursFactory factory;

    public OwnerDepartureTests() =>
        factory = MeursFactory.With(
            services => services.AddSingleton<TimeProvider>(clock),
            new Dictionary<string, string?> { ["Rooms:OwnerAwayGracePeriod"] = "00:02:00" });

    public void Dispose() => factory.Dispose();

    [Fact]
    public void OwnerAwayGracePeriod_DefaultsToTwoMinutes() =>
        Assert.Equal(Grace, new RoomsOptions().OwnerAwayGracePeriod);

    [Fact]
    public async Task OwnerNavigatesAwayAndBack_WithinGracePeriod_HistoryIsKept()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        await scene.GuestSocket.SendMessageAsync("said while the owner was here");
        await scene.OwnerSocket.ReceiveUntilTextAsync("said while the owner was here");

        // Another menu link closes the page's socket: the owner is away, which the room is told.
        await scene.OwnerSocket.CloseAsync();
        var away = await scene.GuestSocket.ReceiveUntilAsync(f => f.Target == "#members");
        Assert.Contains(away, f => f.Content.Contains($"{scene.Owner.UserName} left", StringComparison.Ordinal));
        Assert.DoesNotContain(away, f => f.Content.Contains(LeaveRoom.ClearedNotice, StringComparison.Ordinal));

        clock.Advance(Grace - TimeSpan.FromSeconds(1));
        await using var back = await scene.Owner.JoinRoomAsync(scene.RoomId);
        // Long past the grace period now: an expiry still pending from the departure would fire here.
        clock.Advance(Grace * 3);

        await scene.GuestSocket.SendMessageAsync("marker after coming back");
        var frames = await back.ReceiveUntilTextAsync("marker after coming back");
        Assert.DoesNotContain(back.Received, f => f.Content.Contains(LeaveRoom.ClearedNotice, StringComparison.Ordinal));
        Assert.Contains("said while the owner was here", back.Received[0].Content, StringComparison.Ordinal);
        Assert.DoesNotContain(frames, f => f.Target == "#messages" && f.Swap == "outerHTML" && f.Content.Contains(LeaveRoom.ClearedNotice, StringComparison.Ordinal));
        Assert.True(await HasTextAsync(scene.RoomId, "said while the owner was here"));
        Assert.False(await HasTextAsync(scene.RoomId, LeaveRoom.ClearedNotice));
    }

    [Fact]
    public async Task OwnerAway_PastGracePeriod_HistoryIsClearedForEveryone()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        await scene.GuestSocket.SendMessageAsync("said before the owner went away");
        await scene.OwnerSocket.ReceiveUntilTextAsync("said before the owner went away");

        await scene.OwnerSocket.CloseAsync();
        await scene.GuestSocket.ReceiveUntilAsync(f => f.Target == "#members");
        clock.Advance(Grace - TimeSpan.FromSeconds(1));
        await scene.GuestSocket.SendMessageAsync("still here before the grace is over");
        await scene.GuestSocket.ReceiveUntilAsync(f => f.Target == "#composer");
        Assert.True(await HasTextAsync(scene.RoomId, "said before the owner went away"));

        // The expiry timer is registered just after the departure is announced; advance until it has fired.
        await Poll.UntilAsync(
            async () =>
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                return await HasTextAsync(scene.RoomId, LeaveRoom.ClearedNotice);
            },
            "the history to be cleared");

        var cleared = (await scene.GuestSocket.ReceiveUntilAsync(f => f.Target == "#messages" && f.Swap == "outerHTML"))[^1];
        Assert.Contains(LeaveRoom.ClearedNotice, cleared.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("said before the owner went away", cleared.Content, StringComparison.Ordinal);
        var only = Assert.Single(await factory.WithDbAsync(db => db.RoomMessages.Where(m => m.RoomId == scene.RoomId).ToListAsync()));
        Assert.Equal(LeaveRoom.ClearedNotice, only.Text);
    }

    [Fact]
    public async Task OwnerLeave_ClearsHistoryAtOnce_AndNotAgainAfterTheGracePeriod()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        await scene.GuestSocket.SendMessageAsync("said before the owner left");
        await scene.OwnerSocket.ReceiveUntilTextAsync("said before the owner left");

        var response = await scene.Owner.LeaveRoomAsync(scene.RoomId);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/rooms", new Uri(MeursFactory.BaseAddress, response.Headers.Location!).AbsolutePath);
        var cleared = (await scene.GuestSocket.ReceiveUntilAsync(f => f.Target == "#messages" && f.Swap == "outerHTML"))[^1];
        Assert.Contains(LeaveRoom.ClearedNotice, cleared.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("said before the owner left", cleared.Content, StringComparison.Ordinal);

        // The page then goes to /rooms, closing its socket; later talk survives the grace period.
        await scene.OwnerSocket.CloseAsync();
        await scene.GuestSocket.ReceiveUntilAsync(f => f.Content.Contains($"{scene.Owner.UserName} left", StringComparison.Ordinal));
        await scene.GuestSocket.SendMessageAsync("said after the owner left");
        await scene.GuestSocket.ReceiveUntilTextAsync("said after the owner left");
        clock.Advance(Grace * 3);
        await scene.GuestSocket.SendMessageAsync("marker");
        await scene.GuestSocket.ReceiveUntilTextAsync("marker");
        Assert.True(await HasTextAsync(scene.RoomId, "said after the owner left"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.RoomMessages.CountAsync(m => m.RoomId == scene.RoomId && m.Text == LeaveRoom.ClearedNotice)));
    }

    [Fact]
    public async Task GuestLeave_KeepsHistory_AndTakesTheRoomOffTheirList()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        await scene.GuestSocket.SendMessageAsync("words of the guest");
        await scene.OwnerSocket.ReceiveUntilTextAsync("words of the guest");
        Assert.Contains(scene.RoomId, (await scene.Guest.GetHtmlAsync("/rooms")).Html, StringComparison.Ordinal);

        var response = await scene.Guest.LeaveRoomAsync(scene.RoomId);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await HasTextAsync(scene.RoomId, "words of the guest"));
        Assert.False(await factory.WithDbAsync(db => db.RoomMemberships.AnyAsync(m => m.RoomId == scene.RoomId && db.Users.Any(u => u.Id == m.UserId && u.UserName == scene.Guest.UserName))));
        Assert.DoesNotContain(scene.RoomId, (await scene.Guest.GetHtmlAsync("/rooms")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_UnknownRoom_Returns404()
    {
        using var someone = await factory.SignedUpAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await someone.LeaveRoomAsync("zzzzzzz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await someone.LeaveRoomAsync("bad")).StatusCode);
    }

    [Fact]
    public async Task JsonLeave_ByOwner_ClearsForEveryoneAndClosesTheSocketNormally()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var guest = await Comuni.UserAsync(api, "gst");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var guestSocket = await Comuni.JoinAsync(factory, roomId, guest);
        await guestSocket.SendChatAsync("before the leave");
        await ownerSocket.ReceiveUntilChatAsync("before the leave");

        await ownerSocket.SendJsonAsync(new { type = "leave" });

        var frames = await guestSocket.ReceiveUntilAsync(e => Comuni.Type(e) == "system" && Comuni.Str(e, "text") == LeaveRoom.ClearedNotice);
        Assert.Equal("clear", Comuni.Type(frames[^2]));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await ownerSocket.ReceiveCloseAsync());
        Assert.False(await HasTextAsync(roomId, "before the leave"));
    }

    [Fact]
    public async Task OwnerPage_SaysWhatLeavingDoes_AndGuestsPageDoesNot()
    {
        await using var scene = await RoomScene.StartAsync(factory);

        var (_, ownerHtml) = await scene.Owner.GetHtmlAsync($"/rooms/{scene.RoomId}");
        var (_, guestHtml) = await scene.Guest.GetHtmlAsync($"/rooms/{scene.RoomId}");

        Assert.Contains("When you leave, this room's history is cleared for everyone. Visiting another page keeps it if you are back within 2 minutes.", ownerHtml, StringComparison.Ordinal);
        Assert.Contains($"action=\"/rooms/{scene.RoomId}/leave\"", ownerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("history is cleared for everyone", guestHtml, StringComparison.Ordinal);
        Assert.Contains($"action=\"/rooms/{scene.RoomId}/leave\"", guestHtml, StringComparison.Ordinal);
    }

    private Task<bool> HasTextAsync(string roomId, string text) =>
        factory.WithDbAsync(db => db.RoomMessages.AnyAsync(m => m.RoomId == roomId && m.Text == text));
}
