using System.Text.Json;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// The server's messages on <c>/ws/voice/{id}</c>, in snake_case JSON:
/// <list type="bullet">
/// <item><c>{"type":"participants","you","participants":[{"user_id","user","muted","deafened","camera","screen"}]}</c>
/// on joining and whenever someone joins, leaves or changes state (<c>you</c> is the receiver's user id);</item>
/// <item><c>{"type":"replaced"}</c> just before the server closes a connection that the same user's newer one replaced
/// (close code 4001, <see cref="Realtime.ConnectionReplaced"/>);</item>
/// <item><c>{"type":"publish-answer","sdp"}</c>: the answer to the client's publish offer;</item>
/// <item><c>{"type":"subscribe-offer","sdp","tracks":[{"mid","user_id","user","source","kind"}]}</c>: our offer for the
/// subscribe connection, and whose track each live mid carries (source: mic, camera, screen, screen-audio);</item>
/// <item><c>{"type":"speaking","users":[user ids]}</c> when the set of people speaking changes;</item>
/// <item><c>{"type":"error","code","detail"}</c> for a message it could not act on.</item>
/// </list>
/// </summary>
public static class CallJson
{
    /// <summary>The participant list as <paramref name="receiver"/> gets it.</summary>
    public static string Participants(IEnumerable<CallParticipant> participants, Guid receiver) => JsonSerializer.Serialize(new
    {
        type = "participants",
        you = receiver,
        participants = participants.Select(p => new
        {
            user_id = p.UserId,
            user = p.UserName,
            muted = p.State.Muted,
            deafened = p.State.Deafened,
            camera = p.State.Camera,
            screen = p.State.Screen,
        }),
    });

    /// <summary>What a subscribe offer's mid carries.</summary>
    /// <param name="Mid">The m-section's mid.</param>
    /// <param name="UserId">Whose track it is.</param>
    /// <param name="User">Their username.</param>
    /// <param name="Source">mic, camera, screen or screen-audio.</param>
    /// <param name="Kind">audio or video.</param>
    public sealed record TrackInfo(string Mid, Guid UserId, string User, string Source, string Kind);

    /// <summary>The answer to a publish offer.</summary>
    public static string PublishAnswer(string sdp) => JsonSerializer.Serialize(new { type = "publish-answer", sdp });

    /// <summary>An offer for the subscribe connection with the tracks it carries.</summary>
    public static string SubscribeOffer(string sdp, IEnumerable<TrackInfo> tracks) => JsonSerializer.Serialize(new
    {
        type = "subscribe-offer",
        sdp,
        tracks = tracks.Select(t => new { mid = t.Mid, user_id = t.UserId, user = t.User, source = t.Source, kind = t.Kind }),
    });

    /// <summary>Who is speaking now.</summary>
    public static string Speaking(IEnumerable<Guid> users) => JsonSerializer.Serialize(new { type = "speaking", users });

    /// <summary>Told to a connection that another of the same user's replaced.</summary>
    public static string Replaced() => """{"type":"replaced"}""";
}
