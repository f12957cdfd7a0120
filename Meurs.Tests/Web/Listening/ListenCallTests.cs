using System.Net;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Listening;

/// <summary>A session inside a room's call: started by someone who may be in the call, one per call, joined by id by anyone who may be in it.</summary>
public sealed class ListenCallTests(ListenFixture fixture) : IClassFixture<ListenFixture>
{
    private readonly ListenScene scene = fixture.Scene;

    [Fact]
    public async Task SessionInARoomCall_JoinedByBeingInTheCall()
    {
        var alice = await scene.UserAsync("a");
        var bob = await scene.UserAsync("b");
        var carol = await scene.UserAsync("c");
        var room = await scene.ExpectAsync("POST", "/api/comuni/rooms", alice.Token, null, HttpStatusCode.Created);
        var roomId = room.GetProperty("room_id").GetString()!;
        await scene.ExpectAsync("POST", $"/api/comuni/rooms/{roomId}/join", alice.Token, null, HttpStatusCode.OK);
        await scene.ExpectAsync("POST", $"/api/comuni/rooms/{roomId}/join", bob.Token, null, HttpStatusCode.OK);

        // Carol is not in the room: she may not be in its call, so she can neither start nor join a session there.
        ListenScene.Problem(await scene.SendAsync("POST", "/api/listen/sessions", carol.Token, new { call_id = roomId }), HttpStatusCode.NotFound);
        var session = await scene.StartAsync(alice, new { call_id = roomId, track_id = await scene.TrackAsync(TestLibrary.AlphaPath) });
        Assert.Equal(roomId, session.GetProperty("call_id").GetString());
        var id = session.GetProperty("session_id").GetGuid();
        ListenScene.Problem(await scene.SendAsync("POST", "/api/listen/sessions", bob.Token, new { call_id = roomId }), HttpStatusCode.Conflict);
        ListenScene.Problem(await scene.SendAsync("POST", "/api/listen/sessions", bob.Token, new { call_id = "../../x" }), HttpStatusCode.BadRequest);
        ListenScene.Problem(await scene.SendAsync("POST", "/api/listen/sessions", bob.Token, new { call_id = 7 }), HttpStatusCode.BadRequest);

        Assert.Equal(404, await JsonRoomSocket.RefusedStatusAsync(scene.Factory, $"/api/ws/listen/{id}", bob.Bearer));
        var joined = await scene.ExpectAsync("POST", $"/api/listen/sessions/{id}/join", bob.Token, null, HttpStatusCode.OK);
        Assert.Equal("guest", joined.GetProperty("role").GetString());
        ListenScene.Problem(await scene.SendAsync("POST", $"/api/listen/sessions/{id}/join", carol.Token), HttpStatusCode.NotFound);

        await using var socket = await ListenSocketClient.ConnectAsync(scene, id, bob);
        var (state, playlist) = await socket.ConnectedAsync();
        Assert.Equal("paused", state.GetProperty("state").GetString());
        Assert.Equal(1, playlist.GetProperty("playlist").GetArrayLength());

        // Once it ends, the call may have another.
        await scene.ExpectAsync("DELETE", $"/api/listen/sessions/{id}", alice.Token, null, HttpStatusCode.NoContent);
        await scene.ExpectAsync("POST", "/api/listen/sessions", bob.Token, new { call_id = roomId }, HttpStatusCode.Created);
    }
}
