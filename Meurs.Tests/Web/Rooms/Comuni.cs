using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Rooms;

/// <summary>An API user: a name and a bearer token.</summary>
internal sealed record ApiUser(string Name, string Token);

/// <summary>Helpers for the Comuni JSON API and room protocol tests.</summary>
internal static class Comuni
{
    public static async Task<ApiUser> UserAsync(ApiClient api, string prefix = "c")
    {
        var (name, token) = await api.NewAccountWithTokenAsync(prefix);
        return new ApiUser(name, token);
    }

    /// <summary>Creates a room through <c>POST /api/comuni/rooms</c> and returns its id.</summary>
    public static async Task<string> CreateRoomAsync(ApiClient api, ApiUser owner)
    {
        var response = await api.PostAsync("/api/comuni/rooms", "", owner.Token);
        Assert.True(response.Status == HttpStatusCode.Created, $"create answered {(int)response.Status}: {response.Detail}");
        return response.Text("room_id");
    }

    /// <summary>Connects <paramref name="user"/> to the room's JSON socket and reads its own arrival.</summary>
    public static Task<JsonRoomSocket> JoinAsync(MeursFactory factory, string roomId, ApiUser user) =>
        JsonRoomSocket.JoinAsync(factory, roomId, user.Name, user.Token);

    /// <summary>Opens the room's JSON socket (optionally resuming) without reading anything.</summary>
    public static Task<JsonRoomSocket> ConnectAsync(MeursFactory factory, string roomId, ApiUser user, long? after = null) =>
        JsonRoomSocket.ConnectAsync(factory, $"/ws/comuni/{roomId}" + (after is null ? "" : $"?after={after}"), user.Name, user.Token);

    public static string Type(JsonElement e) => JsonRoomSocket.TypeOf(e);

    public static long Seq(JsonElement e) => e.GetProperty("seq").GetInt64();

    public static string? Str(JsonElement e, string property) => JsonRoomSocket.Str(e, property);

    /// <summary>The <c>items</c> of a history or resume envelope.</summary>
    public static List<JsonElement> Items(JsonElement e) => [.. e.GetProperty("items").EnumerateArray()];

    /// <summary>The highest sequence number among <paramref name="envelopes"/> and the items of history/resume envelopes.</summary>
    public static long LastSeq(IEnumerable<JsonElement> envelopes) =>
        envelopes.SelectMany(e => Type(e) is "history" or "resume" ? Items(e) : [e])
            .Where(e => e.TryGetProperty("seq", out _))
            .Select(Seq)
            .DefaultIfEmpty(0)
            .Max();

    public static Task<long> RoomLastSeqAsync(MeursFactory factory, string roomId) =>
        factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == roomId).Select(r => r.LastSeq).SingleAsync());

    public static Task<List<RoomMessage>> EventsAsync(MeursFactory factory, string roomId) =>
        factory.WithDbAsync(db => db.RoomMessages.AsNoTracking().Where(m => m.RoomId == roomId).OrderBy(m => m.Seq).ToListAsync());

    public static string Marker(string what = "marker") => what + "-" + Guid.NewGuid().ToString("N")[..12];
}
