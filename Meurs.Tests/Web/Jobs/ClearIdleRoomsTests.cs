using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Jobs;

/// <summary>
/// The job triggered through Hangfire (nothing fires by itself in tests) on a clock the test moves. Each test has its
/// own host: the clock is the host's, and moving it for one test must not age another test's rooms.
/// </summary>
public sealed class ClearIdleRoomsTests
{
    private static readonly TimeSpan PastTimeout = TimeSpan.FromMinutes(31);

    [Fact]
    public async Task Run_RoomEveryoneLeftLongAgo_DeletesHistoryAndClosesRoom()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));
        using var owner = await factory.SignedUpAsync("o");
        var roomId = await owner.CreateRoomAsync();
        await using (var socket = await owner.JoinRoomAsync(roomId))
        {
            await socket.SendMessageAsync("anyone here?");
            await socket.ReceiveUntilTextAsync("anyone here?");
        }
        await WaitForOwnerLeftAsync(factory, roomId);
        clock.Advance(PastTimeout);

        var run = await RunAsync(factory);

        Assert.Equal("Succeeded", run.State);
        Assert.Equal(1, run.Affected);
        Assert.NotNull((await RoomAsync(factory, roomId)).ClosedAt);
        Assert.Equal(0, await factory.WithDbAsync(db => db.RoomMessages.CountAsync(m => m.RoomId == roomId)));
        Assert.Equal(404, await TestSocket.RefusedStatusAsync(factory, $"/ws/rooms/{roomId}", owner.CookieHeader));
    }

    [Fact]
    public async Task Run_OwnerConnectedButSilent_KeepsRoomAndSocket()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));
        using var owner = await factory.SignedUpAsync("o");
        var roomId = await owner.CreateRoomAsync();
        await using var socket = await owner.JoinRoomAsync(roomId);
        clock.Advance(PastTimeout);

        var run = await RunAsync(factory);

        Assert.Equal(0, run.Affected);
        Assert.Null((await RoomAsync(factory, roomId)).ClosedAt);
        Assert.True(await factory.WithDbAsync(db => db.RoomMessages.AnyAsync(m => m.RoomId == roomId)));
        await socket.SendMessageAsync("still here");
        await socket.ReceiveUntilTextAsync("still here");
    }

    [Fact]
    public async Task Run_OwnerGoneGuestConnectedButSilent_KeepsRoom()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));
        using var owner = await factory.SignedUpAsync("o");
        using var guest = await factory.SignedUpAsync("g");
        var roomId = await owner.CreateRoomAsync();
        await (await owner.JoinRoomAsync(roomId)).DisposeAsync();
        await WaitForOwnerLeftAsync(factory, roomId);
        await using var guestSocket = await guest.JoinRoomAsync(roomId);
        clock.Advance(PastTimeout);

        var run = await RunAsync(factory);

        Assert.Equal(0, run.Affected);
        Assert.Null((await RoomAsync(factory, roomId)).ClosedAt);
    }

    [Fact]
    public async Task Run_EmptyRoomWithRecentEvent_KeepsRoomAndHistory()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));
        using var owner = await factory.SignedUpAsync("o");
        var now = clock.GetUtcNow().UtcDateTime;
        var roomId = await SeedRoomAsync(factory, owner, createdAt: now.AddHours(-2), lastEventAt: now.AddMinutes(-29));

        var run = await RunAsync(factory);

        Assert.Equal(0, run.Affected);
        Assert.Null((await RoomAsync(factory, roomId)).ClosedAt);
        Assert.Equal(1, await factory.WithDbAsync(db => db.RoomMessages.CountAsync(m => m.RoomId == roomId)));
    }

    [Fact]
    public async Task Run_EmptyRoomsQuietPastTimeout_ClosesOnlyThoseAndCountsThem()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = MeursFactory.With(services => services.AddSingleton<TimeProvider>(clock));
        using var owner = await factory.SignedUpAsync("o");
        var now = clock.GetUtcNow().UtcDateTime;
        var quietWithHistory = await SeedRoomAsync(factory, owner, createdAt: now.AddHours(-3), lastEventAt: now.AddMinutes(-31));
        var quietWithout = await SeedRoomAsync(factory, owner, createdAt: now.AddMinutes(-45), lastEventAt: null);
        var young = await SeedRoomAsync(factory, owner, createdAt: now.AddMinutes(-5), lastEventAt: null);

        var run = await RunAsync(factory);

        Assert.Equal(2, run.Affected);
        Assert.NotNull((await RoomAsync(factory, quietWithHistory)).ClosedAt);
        Assert.NotNull((await RoomAsync(factory, quietWithout)).ClosedAt);
        Assert.Null((await RoomAsync(factory, young)).ClosedAt);
        Assert.Equal(0, await factory.WithDbAsync(db => db.RoomMessages.CountAsync(m => m.RoomId == quietWithHistory)));
    }

    [Fact]
    public async Task Run_ConfiguredTimeout_IsTheOneApplied()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = MeursFactory.With(
            services => services.AddSingleton<TimeProvider>(clock),
            new Dictionary<string, string?> { ["Jobs:RoomIdleTimeout"] = "00:10:00" });
        using var owner = await factory.SignedUpAsync("o");
        var now = clock.GetUtcNow().UtcDateTime;
        var roomId = await SeedRoomAsync(factory, owner, createdAt: now.AddMinutes(-11), lastEventAt: null);

        var run = await RunAsync(factory);

        Assert.Equal(1, run.Affected);
        Assert.NotNull((await RoomAsync(factory, roomId)).ClosedAt);
    }

    private static Task<HangfireJobs.Run> RunAsync(MeursFactory factory) => HangfireJobs.TriggerAsync(factory, nameof(ClearIdleRooms));

    private static Task<Room> RoomAsync(MeursFactory factory, string roomId) =>
        factory.WithDbAsync(db => db.Rooms.AsNoTracking().SingleAsync(r => r.Id == roomId));

    // The owner's departure clears the history and records a notice, after presence has let them go.
    private static Task WaitForOwnerLeftAsync(MeursFactory factory, string roomId) =>
        Poll.UntilAsync(
            async () => factory.Services.GetRequiredService<PresenceService>().Present(ChannelId.Room(roomId)).Count == 0
                && await factory.WithDbAsync(db => db.RoomMessages.AnyAsync(m => m.RoomId == roomId && m.Kind == RoomMessageKind.System)),
            "the owner's departure");

    // Rooms and events stamp themselves with the system clock; seeding sets their times outright.
    private static async Task<string> SeedRoomAsync(MeursFactory factory, TestBrowser owner, DateTime createdAt, DateTime? lastEventAt)
    {
        var roomId = RoomId.New();
        await factory.WithDbAsync(async db =>
        {
            var ownerId = await db.Users.Where(u => u.UserName == owner.UserName).Select(u => u.Id).SingleAsync();
            db.Rooms.Add(new Room { Id = roomId, OwnerId = ownerId, CreatedAt = createdAt, LastSeq = lastEventAt is null ? 0 : 1 });
            if (lastEventAt is { } at)
            {
                db.RoomMessages.Add(new RoomMessage { RoomId = roomId, Seq = 1, Kind = RoomMessageKind.Chat, AuthorId = ownerId, AuthorName = owner.UserName, Text = "hello", CreatedAt = at });
            }
            return await db.SaveChangesAsync();
        });
        return roomId;
    }
}
