namespace Meurs.Web.Features.Listening;

/// <summary>What <see cref="ListenInCall.Decide"/> says a person's <em>Listen together</em> in a call does.</summary>
public enum ListenInCallStep
{
    /// <summary>They may not be in that call (or it does not exist for them): 404, nothing is shown.</summary>
    NotFound,

    /// <summary>They may be in the call but are not in it now: 409, join the call first.</summary>
    NotInCall,

    /// <summary>The call has no open session: start one, with them as its host.</summary>
    Start,

    /// <summary>The call has an open session they are not in: join it as a guest.</summary>
    Join,

    /// <summary>They are in the call's open session already: nothing to change, show it.</summary>
    Open,
}

/// <summary>
/// The rules of a listening session started or joined from inside a call (a room's call or a server voice channel's),
/// pure: who may, and what it does. One session per call: whoever comes second joins the first one's session.
/// </summary>
public static class ListenInCall
{
    /// <summary>The longest call id: a room id is 7 characters, a voice channel's a Guid in "N" format (32).</summary>
    public const int MaxCallIdLength = 32;

    /// <summary>
    /// True when <paramref name="callId"/> has the shape of a call id (a room id's URL-safe alphabet, or a Guid in "N"
    /// format); the call's policy decides whether it exists and who may be in it.
    /// </summary>
    public static bool IsCallId(string? callId) =>
        callId is { Length: > 0 and <= MaxCallIdLength } && callId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~');

    /// <summary>
    /// What <em>Listen together</em> does for a person: <paramref name="mayBeInCall"/> (the call's policy let them in),
    /// <paramref name="inCallNow"/> (they are a participant now: the control is inside the call), whether the call has an
    /// open session, and whether they are a member of it.
    /// </summary>
    public static ListenInCallStep Decide(bool mayBeInCall, bool inCallNow, bool callHasSession, bool isMember) =>
        !mayBeInCall ? ListenInCallStep.NotFound
        : !inCallNow ? ListenInCallStep.NotInCall
        : !callHasSession ? ListenInCallStep.Start
        : isMember ? ListenInCallStep.Open
        : ListenInCallStep.Join;
}
