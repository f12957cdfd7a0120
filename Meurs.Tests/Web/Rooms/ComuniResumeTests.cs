using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Microsoft.Data.Sqlite;

namespace Meurs.Tests.Web.Rooms;

/// <summary>Reconnecting with <c>/ws/comuni/{id}?after=seq</c>: exactly the missed events, no gap, no repeat.</summary>
public sealed class ComuniResumeTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task Resume_AfterMissedChats_GetsExactlyThoseInOrder()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var reader = await Comuni.UserAsync(api, "rdr");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        // The reader keeps a second connection open, so closing the first is a drop, not a leave (no "left" event).
        await using var readerStays = await Comuni.JoinAsync(factory, roomId, reader);
        var dropping = await Comuni.ConnectAsync(factory, roomId, reader);
        var seen = await dropping.ReceiveUntilMembersAsync(reader.Name);
        var n = Comuni.LastSeq(seen);
        Assert.Equal(await Comuni.RoomLastSeqAsync(factory, roomId), n);
        await dropping.DisposeAsync();

        string[] missed = [Comuni.Marker("one"), Comuni.Marker("two"), Comuni.Marker("three")];
        foreach (var text in missed)
        {
            await ownerSocket.SendChatAsync(text);
        }
        await ownerSocket.ReceiveUntilChatAsync(missed[^1]);
        await using var resumed = await Comuni.ConnectAsync(factory, roomId, reader, after: n);
        var resume = await resumed.ReceiveAsync();

        Assert.Equal("resume", Comuni.Type(resume));
        Assert.Equal(n, resume.GetProperty("after").GetInt64());
        var items = Comuni.Items(resume);
        Assert.Equal(missed, items.Select(e => Comuni.Str(e, "text")));
        Assert.All(items, e => Assert.Equal(("chat", owner.Name), (Comuni.Type(e), Comuni.Str(e, "from"))));
        Assert.Equal([n + 1, n + 2, n + 3], items.Select(Comuni.Seq));
        // Live events go on from there, none repeated.
        var marker = Comuni.Marker("live");
        await ownerSocket.SendChatAsync(marker);
        var live = await resumed.ReceiveUntilChatAsync(marker);
        Assert.DoesNotContain(live, e => e.TryGetProperty("seq", out _) && Comuni.Seq(e) <= n + 3);
        Assert.Equal(n + 4, Comuni.Seq(live[^1]));
    }

    [Fact]
    public async Task Resume_AfterLeavingAndComingBack_GetsEveryEventSinceWithoutGapOrRepeat()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var reader = await Comuni.UserAsync(api, "rdr");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        var first = await Comuni.JoinAsync(factory, roomId, reader);
        var n = Comuni.LastSeq(first.Received);
        await first.DisposeAsync();
        await ownerSocket.ReceiveUntilAsync(e => Comuni.Type(e) == "system" && Comuni.Str(e, "text") == $"{reader.Name} left");
        foreach (var text in new[] { "a1", "a2", "a3" })
        {
            await ownerSocket.SendChatAsync(text);
        }
        await ownerSocket.ReceiveUntilChatAsync("a3");
        var lastBefore = await Comuni.RoomLastSeqAsync(factory, roomId);

        await using var resumed = await Comuni.ConnectAsync(factory, roomId, reader, after: n);
        var received = await resumed.ReceiveUntilMembersAsync(reader.Name);

        var resume = received[0];
        Assert.Equal("resume", Comuni.Type(resume));
        var items = Comuni.Items(resume);
        Assert.Equal(Enumerable.Range(1, (int)(lastBefore - n)).Select(i => n + i), items.Select(Comuni.Seq));
        Assert.Equal([$"{reader.Name} left", "a1", "a2", "a3"], items.Select(e => Comuni.Str(e, "text")!));
        // Its own arrival comes live, right after what it missed.
        var joined = Assert.Single(received, e => Comuni.Type(e) == "system" && Comuni.Str(e, "text") == $"{reader.Name} joined");
        Assert.Equal(lastBefore + 1, Comuni.Seq(joined));
        var allSeqs = items.Select(Comuni.Seq).Concat(received.Skip(1).Where(e => e.TryGetProperty("seq", out _)).Select(Comuni.Seq)).ToList();
        Assert.Equal(allSeqs.Distinct().Count(), allSeqs.Count);
    }

    [Fact]
    public async Task Resume_AfterLatestSeq_GetsEmptyItems()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var reader = await Comuni.UserAsync(api, "rdr");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await ownerSocket.SendChatAsync("only this");
        await ownerSocket.ReceiveUntilChatAsync("only this");
        var latest = await Comuni.RoomLastSeqAsync(factory, roomId);

        await using var resumed = await Comuni.ConnectAsync(factory, roomId, reader, after: latest);
        var resume = await resumed.ReceiveAsync();

        Assert.Equal("resume", Comuni.Type(resume));
        Assert.Equal(latest, resume.GetProperty("after").GetInt64());
        Assert.Empty(Comuni.Items(resume));
    }

    [Fact]
    public async Task Resume_AfterOwnerLeftAndHistoryWiped_GetsClearFirstThenTheNotice()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var reader = await Comuni.UserAsync(api, "rdr");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        var first = await Comuni.JoinAsync(factory, roomId, reader);
        await ownerSocket.SendChatAsync("soon wiped");
        var n = Comuni.LastSeq(await first.ReceiveUntilChatAsync("soon wiped"));
        await first.DisposeAsync();
        await ownerSocket.ReceiveUntilAsync(e => Comuni.Str(e, "text") == $"{reader.Name} left");
        await ownerSocket.CloseAsync();
        await WaitForEventAsync(roomId, "Owner left. Chat cleared");

        await using var resumed = await Comuni.ConnectAsync(factory, roomId, reader, after: n);
        var clear = await resumed.ReceiveAsync();
        var resume = await resumed.ReceiveAsync();

        Assert.Equal("clear", Comuni.Type(clear));
        Assert.Equal("resume", Comuni.Type(resume));
        Assert.Equal(["Owner left. Chat cleared"], Comuni.Items(resume).Select(e => Comuni.Str(e, "text")!));
        Assert.True(Comuni.Seq(Comuni.Items(resume)[0]) > n);
    }

    [Fact]
    public async Task Resume_OwnerLeftRightAfterTheLastSeenEvent_GetsClearFirst()
    {
        // The reader drops (another connection keeps it present, as a reload within the grace period would); the owner
        // leaves next, so the wipe's notice is the very next event after the one the reader saw last.
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var reader = await Comuni.UserAsync(api, "rdr");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var readerStays = await Comuni.JoinAsync(factory, roomId, reader);
        await ownerSocket.SendChatAsync("soon wiped");
        await readerStays.ReceiveUntilChatAsync("soon wiped");
        var dropping = await Comuni.ConnectAsync(factory, roomId, reader);
        var n = Comuni.LastSeq(await dropping.ReceiveUntilMembersAsync(reader.Name));
        Assert.Equal(await Comuni.RoomLastSeqAsync(factory, roomId), n);
        await dropping.DisposeAsync();
        await ownerSocket.CloseAsync();
        await readerStays.ReceiveUntilAsync(e => Comuni.Str(e, "text") == "Owner left. Chat cleared");

        await using var resumed = await Comuni.ConnectAsync(factory, roomId, reader, after: n);
        var clear = await resumed.ReceiveAsync();
        var resume = await resumed.ReceiveAsync();

        Assert.Equal("clear", Comuni.Type(clear));
        Assert.Equal("resume", Comuni.Type(resume));
        var notice = Assert.Single(Comuni.Items(resume));
        Assert.Equal(("Owner left. Chat cleared", n + 1), (Comuni.Str(notice, "text"), Comuni.Seq(notice)));
    }

    [Fact]
    public async Task Resume_OwnerComingBackAfterTheWipe_GetsClearFirst()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await ownerSocket.SendChatAsync("mine, soon wiped");
        var n = Comuni.LastSeq(await ownerSocket.ReceiveUntilChatAsync("mine, soon wiped"));
        await ownerSocket.DisposeAsync();
        await WaitForEventAsync(roomId, "Owner left. Chat cleared");

        await using var resumed = await Comuni.ConnectAsync(factory, roomId, owner, after: n);
        var clear = await resumed.ReceiveAsync();
        var resume = await resumed.ReceiveAsync();

        Assert.Equal("clear", Comuni.Type(clear));
        Assert.Equal(["Owner left. Chat cleared"], Comuni.Items(resume).Select(e => Comuni.Str(e, "text")!));
    }

    [Fact]
    public async Task Resume_PrivateMessageBetweenOthers_IsNotInTheResume()
    {
        using var api = ApiClient.For(factory);
        var owner = await Comuni.UserAsync(api, "own");
        var friend = await Comuni.UserAsync(api, "frd");
        var reader = await Comuni.UserAsync(api, "rdr");
        var roomId = await Comuni.CreateRoomAsync(api, owner);
        await using var ownerSocket = await Comuni.JoinAsync(factory, roomId, owner);
        await using var friendSocket = await Comuni.JoinAsync(factory, roomId, friend);
        await using var readerStays = await Comuni.JoinAsync(factory, roomId, reader);
        var n = await Comuni.RoomLastSeqAsync(factory, roomId);

        await ownerSocket.SendPmAsync(friend.Name, "between us");
        await ownerSocket.SendChatAsync("for all");
        await readerStays.ReceiveUntilChatAsync("for all");
        await using var resumed = await Comuni.ConnectAsync(factory, roomId, reader, after: n);
        var items = Comuni.Items(await resumed.ReceiveAsync());

        Assert.Equal(["for all"], items.Select(e => Comuni.Str(e, "text")!));
    }

    [Fact]
    public async Task Resume_AcrossARestartOnTheSameDatabase_GetsExactlyTheMissedEvents()
    {
        var folder = Path.Combine(Path.GetTempPath(), "meurs-tests", "restart-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // A grace period longer than the test: no departure is recorded before the server stops (a stop is not a leave).
        var settings = new Dictionary<string, string?>
        {
            ["Data:ConnectionString"] = $"Data Source={Path.Combine(folder, "meurs.db")}",
            ["Rooms:LeaveGracePeriod"] = "01:00:00",
        };
        try
        {
            ApiUser reader;
            string roomId;
            long n;
            string[] missed = ["before restart 1", "before restart 2", "before restart 3"];
            using (var first = MeursFactory.With(settings: settings))
            {
                using var api = ApiClient.For(first);
                var owner = await Comuni.UserAsync(api, "own");
                var talker = await Comuni.UserAsync(api, "tlk");
                reader = await Comuni.UserAsync(api, "rdr");
                roomId = await Comuni.CreateRoomAsync(api, owner);
                await using var talkerSocket = await Comuni.JoinAsync(first, roomId, talker);
                await using (var readerSocket = await Comuni.JoinAsync(first, roomId, reader))
                {
                    n = Comuni.LastSeq(readerSocket.Received);
                }
                foreach (var text in missed)
                {
                    await talkerSocket.SendChatAsync(text);
                }
                await talkerSocket.ReceiveUntilChatAsync(missed[^1]);
            }

            using var second = MeursFactory.With(settings: settings);
            await using var resumed = await Comuni.ConnectAsync(second, roomId, reader, after: n);
            var resume = await resumed.ReceiveAsync();

            Assert.Equal("resume", Comuni.Type(resume));
            var items = Comuni.Items(resume);
            Assert.Equal(missed, items.Select(e => Comuni.Str(e, "text")!));
            Assert.Equal([n + 1, n + 2, n + 3], items.Select(Comuni.Seq));
            var marker = Comuni.Marker("after-restart");
            await resumed.SendChatAsync(marker);
            var live = await resumed.ReceiveUntilChatAsync(marker);
            Assert.True(Comuni.Seq(live[^1]) > n + 3, "numbering goes on after the restart");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // Waits until the server has recorded an event (a departure is handled after the socket has closed).
    private async Task WaitForEventAsync(string roomId, string text)
    {
        var deadline = DateTime.UtcNow + TestSocket.Patience;
        while (!(await Comuni.EventsAsync(factory, roomId)).Any(m => m.Text == text))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no '{text}' event was recorded");
            await Task.Delay(10);
        }
    }
}
