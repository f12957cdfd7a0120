using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Rooms;

/// <summary>Member lists go to everyone; a burst of changes must not send one list per change.</summary>
public sealed class MemberListTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task PublishMembers_BurstWhileOneIsPublishing_CollapsesIntoOneMoreList()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        var log = factory.Services.GetRequiredService<RoomEventLog>();
        var ownerId = await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == scene.RoomId).Select(r => r.OwnerId).SingleAsync());
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Another event of the room is being written: the first list waits for the room's gate.
        var busy = factory.Services.GetRequiredService<RealtimeHub>().WriteAsync(ChannelId.Room(scene.RoomId), _ => release.Task);

        var calls = Enumerable.Range(0, 50).Select(_ => log.PublishMembersAsync(scene.RoomId, ownerId)).ToList();

        Assert.Equal(49, calls.Count(c => c.IsCompletedSuccessfully)); // collapsed into the run under way
        release.SetResult(true);
        await busy;
        await Task.WhenAll(calls);
        await scene.OwnerSocket.SendMessageAsync("after the burst");
        var frames = await scene.GuestSocket.ReceiveUntilTextAsync("after the burst");
        var lists = frames.Where(f => f.Target == "#members").ToList();
        Assert.Equal(2, lists.Count); // the first run and the one more it owed
        Assert.Contains(scene.Guest.UserName, lists[^1].Content, StringComparison.Ordinal);
        Assert.Contains(scene.Owner.UserName, lists[^1].Content, StringComparison.Ordinal);
    }
}
