using System.Text.Json;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// The server's messages on <c>/ws/voice/{id}</c>, in snake_case JSON:
/// <list type="bullet">
/// <item><c>{"type":"participants","you","participants":[{"user_id","user","muted","deafened","camera","screen"}]}</c>
/// on joining and whenever someone joins, leaves or changes state (<c>you</c> is the receiver's user id);</item>
/// <item><c>{"type":"replaced"}</c> just before the server closes a connection that the same user's newer one replaced
/// (close code <see cref="CallSocketEndpoint.Replaced"/>);</item>
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

    /// <summary>Told to a connection that another of the same user's replaced.</summary>
    public static string Replaced() => """{"type":"replaced"}""";

    /// <summary>A refusal; the socket stays open.</summary>
    public static string Error(CallRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return JsonSerializer.Serialize(new { type = "error", code = refusal.Code, detail = refusal.Detail });
    }
}
