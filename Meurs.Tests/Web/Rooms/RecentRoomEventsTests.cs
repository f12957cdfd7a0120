using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Rooms;

/// <summary>
/// The in-memory window of a room's latest events answers history and catch-up only when it is sure to agree with the
/// database, and the room's log agrees with the database whatever mix of private messages and wipes it saw.
/// </summary>
public sealed class RecentRoomEventsTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    private static readonly Guid Viewer = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    [Fact]
    public void History_WindowHoldingTheWholeRoom_IsWholeEvenWhenShorterThanAsked()
    {
        using var recent = new RecentRoomEvents(10);
        recent.Load("r", [Event(1), Event(2), Event(3)]);

        Assert.True(recent.TryGetHistory("r", Viewer, 5, out var history));
        Assert.Equal([1L, 2, 3], history.Select(m => m.Seq));
    }

    [Fact]
    public void History_OthersPrivateMessagesLeaveTooFew_IsAMissNotAShortAnswer()
    {
        using var recent = new RecentRoomEvents(4);
        // A full window (four events may not be all the room has), one of them between two other people.
        recent.Load("r", [Event(7), Private(8, Other, Guid.NewGuid()), Event(9), Event(10)]);

        Assert.False(recent.TryGetHistory("r", Viewer, 4, out _));
        Assert.True(recent.TryGetHistory("r", Viewer, 3, out var history));
        Assert.Equal([7L, 9, 10], history.Select(m => m.Seq));
        Assert.True(recent.TryGetHistory("r", Other, 4, out var theirs));
        Assert.Equal([7L, 8, 9, 10], theirs.Select(m => m.Seq));
    }

    [Fact]
    public void Append_PastCapacity_DropsTheOldestAndNoLongerClaimsTheWholeRoom()
    {
        using var recent = new RecentRoomEvents(2);
        recent.Load("r", [Event(1)]);
        recent.Append("r", Event(2));
        Assert.True(recent.TryGetHistory("r", Viewer, 5, out var whole));
        Assert.Equal([1L, 2], whole.Select(m => m.Seq));

        recent.Append("r", Event(3));

        Assert.False(recent.TryGetHistory("r", Viewer, 3, out _));
        Assert.True(recent.TryGetHistory("r", Viewer, 2, out var latest));
        Assert.Equal([2L, 3], latest.Select(m => m.Seq));
    }

    [Fact]
    public void Append_ToARoomWithoutWindow_StartsNone()
    {
        using var recent = new RecentRoomEvents(4);
        recent.Append("r", Event(1));

        Assert.False(recent.TryGetHistory("r", Viewer, 1, out _));
        Assert.False(recent.TryGetSince("r", 0, out _, out _));
    }

    [Fact]
    public void Since_ReachesBackOnlyAsFarAsTheWindowDoes()
    {
        using var recent = new RecentRoomEvents(3);
        recent.Load("r", [Event(10), Event(11), Event(12)]);

        Assert.True(recent.TryGetSince("r", 9, out var missed, out var cleared));
        Assert.Equal([10L, 11, 12], missed.Select(m => m.Seq));
        Assert.False(cleared);
        Assert.True(recent.TryGetSince("r", 12, out var none, out _));
        Assert.Empty(none);
        Assert.False(recent.TryGetSince("r", 8, out _, out _)); // event 9 left the window
    }

    [Fact]
    public void Since_AfterAWipe_SaysClearedWhenTheFirstRemainingEventIsPastIt()
    {
        using var recent = new RecentRoomEvents(3);
        recent.Load("r", [Event(1), Event(2)]);
        recent.Reset("r", Event(3));

        Assert.True(recent.TryGetSince("r", 1, out var missed, out var cleared));
        Assert.True(cleared);
        Assert.Equal([3L], missed.Select(m => m.Seq));
        Assert.True(recent.TryGetSince("r", 3, out _, out var notCleared));
        Assert.False(notCleared);
    }

    [Fact]
    public async Task Log_ManyEventsWithPrivateOnesAndAWipe_AnswersAsTheDatabaseDoes()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        var log = factory.Services.GetRequiredService<RoomEventLog>();
        var (owner, guest) = await factory.WithDbAsync(async db => (
            await db.Users.Where(u => u.UserName == scene.Owner.UserName).Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.UserName == scene.Guest.UserName).Select(u => u.Id).SingleAsync()));
        var stranger = Guid.NewGuid();
        var length = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RoomsOptions>>().Value.HistoryLength;
        var channel = ChannelId.Room(scene.RoomId);

        // More than the window holds, one in five private between the owner and the guest: a third person sees too few
        // of the window's events and is answered from the database, the two of them from the window.
        for (var i = 0; i < length + 60; i++)
        {
            if (i % 5 == 0)
            {
                await log.AppendAsync(scene.RoomId, RoomMessageKind.Private, owner, scene.Owner.UserName, $"p{i}", default, guest, scene.Guest.UserName);
            }
            else
            {
                await log.AppendAsync(scene.RoomId, RoomMessageKind.Chat, guest, scene.Guest.UserName, $"m{i}", default);
            }
        }

        await AssertAgreesWithDatabaseAsync(log, channel, guest, length);
        await AssertAgreesWithDatabaseAsync(log, channel, owner, length);
        await AssertAgreesWithDatabaseAsync(log, channel, stranger, length);
        var resumedFrom = await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == scene.RoomId).Select(r => r.LastSeq).SingleAsync()) - 5;
        var resumed = Assert.IsType<RoomResumed>(await log.SnapshotAsync(channel, new ChannelUser(stranger, "stranger"), resumedFrom, default));
        Assert.False(resumed.Cleared);
        Assert.Equal(await factory.WithDbAsync(db => db.RoomMessages.Where(m => m.RoomId == scene.RoomId && m.Seq > resumedFrom && m.Kind != RoomMessageKind.Private).Select(m => m.Seq).OrderBy(s => s).ToListAsync()),
            resumed.Missed.Select(m => m.Seq));

        await log.ClearAsync(scene.RoomId, "cleared", default);
        await log.AppendAsync(scene.RoomId, RoomMessageKind.Chat, guest, scene.Guest.UserName, "after the wipe", default);

        await AssertAgreesWithDatabaseAsync(log, channel, guest, length);
        var afterWipe = Assert.IsType<RoomResumed>(await log.SnapshotAsync(channel, new ChannelUser(guest, scene.Guest.UserName), resumedFrom, default));
        Assert.True(afterWipe.Cleared);
        Assert.Equal(["cleared", "after the wipe"], afterWipe.Missed.Select(m => m.Text));
    }

    private async Task AssertAgreesWithDatabaseAsync(RoomEventLog log, ChannelId channel, Guid viewer, int length)
    {
        var expected = await factory.WithDbAsync(async db => (await db.RoomMessages
            .Where(m => m.RoomId == channel.Id && (m.Kind != RoomMessageKind.Private || m.AuthorId == viewer || m.RecipientId == viewer))
            .OrderByDescending(m => m.Seq).Take(length).Select(m => m.Seq).ToListAsync()).AsEnumerable().Reverse().ToList());
        var history = Assert.IsType<RoomHistoryShown>(await log.SnapshotAsync(channel, new ChannelUser(viewer, "viewer"), null, default));
        Assert.Equal(expected, history.Messages.Select(m => m.Seq));
    }

    private static RoomMessage Event(long seq) => new() { RoomId = "r", Seq = seq, Kind = RoomMessageKind.Chat, AuthorId = Other, AuthorName = "o", Text = $"m{seq}" };

    private static RoomMessage Private(long seq, Guid author, Guid recipient) =>
        new() { RoomId = "r", Seq = seq, Kind = RoomMessageKind.Private, AuthorId = author, AuthorName = "a", RecipientId = recipient, RecipientName = "b", Text = $"p{seq}" };
}
