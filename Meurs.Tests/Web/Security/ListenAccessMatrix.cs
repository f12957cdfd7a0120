namespace Meurs.Tests.Web.Security;

/// <summary>
/// The listening sessions' part of the access matrix: every route and socket of <c>Features/Listening</c> (the REST API
/// under <c>/api/listen</c>, the pages and their forms under <c>/listen</c>, the sockets <c>/api/ws/listen/{id}</c> and
/// <c>/ws/listen/{id}</c>) with what each person gets, run by <see cref="ListenAccessMatrixTests"/> on a fresh session per
/// check (see <see cref="Support.ListenAccessScene"/>). The columns of <see cref="HttpAccess"/> read here as: anonymous;
/// non-member (signed in, never joined the session); guest (<see cref="Support.AccessRole.Member"/>: joined, default
/// switches, so a queue change becomes a request and playback is not theirs); host
/// (<see cref="Support.AccessRole.OwnerOrAdmin"/>: started the session).
/// <see cref="AccessMatrixTests"/> holds this table to the app's endpoint list together with the others.
/// <para>
/// The rules the answers follow: 401 for anonymous on <c>/api</c> and on htmx fragments, the login page for anonymous on
/// pages and forms; 404 for whoever is not in the session (it does not show that it exists); 403 for a guest lacking
/// the power (managing: decisions, roles, switches, ending; playback); 202 for a guest's queue change that became a request
/// (a plain form cannot tell: it redirects back to the session either way). Page POSTs carry the person's antiforgery token.
/// </para>
/// <para>
/// Route parameters are filled from the check's session: {id} and {sessionId}/{SessionId} the session (a
/// <c>/requests/{id}</c> route's {id} the guest's pending request), {code}/{Code} its join code, {itemId} alpha's queue
/// item, {requestId} the pending request, {userId} the guest, {trackId} beta's library id, {callId} a room of the host's that
/// the guest joined, whose call the session plays in.
/// </para>
/// </summary>
public static class ListenAccessMatrix
{
    private const string Login = AccessMatrix.Login;
    private const string Session = "302→/listen/{id}";
    private const string NoSocket = SocketAccessMatrix.NoSocket;

    public static readonly HttpAccess[] Routes =
    [
        //  method   route                                                      request                                              anonymous  non-member  guest    host
        new("POST",   "/api/listen/sessions",                                   Send.JsonBody(new { }),                              "401",     "201",      "201",   "201"),
        new("GET",    "/api/listen/sessions",                                   Send.Nothing,                                        "401",     "200",      "200",   "200"),
        new("POST",   "/api/listen/sessions/{code}/join",                       Send.Nothing,                                        "401",     "200",      "200",   "200"),
        new("GET",    "/api/listen/sessions/{id}",                              Send.Nothing,                                        "401",     "404",      "200",   "200"),
        new("DELETE", "/api/listen/sessions/{id}",                              Send.Nothing,                                        "401",     "404",      "403",   "204"),
        // The host cannot leave (they end the session instead): a refused request, as an owner leaving their server is.
        new("POST",   "/api/listen/sessions/{id}/leave",                        Send.Nothing,                                        "401",     "404",      "204",   "400"),
        new("GET",    "/api/listen/sessions/{id}/playlist",                     Send.Nothing,                                        "401",     "404",      "200",   "200"),
        new("POST",   "/api/listen/sessions/{id}/playlist",                     Send.JsonBody(new { track_id = "{trackId}" }),       "401",     "404",      "202",   "201"),
        new("PATCH",  "/api/listen/sessions/{id}/playlist/{itemId}",            Send.JsonBody(new { new_position = 0 }),             "401",     "404",      "202",   "200"),
        new("DELETE", "/api/listen/sessions/{id}/playlist/{itemId}",            Send.Nothing,                                        "401",     "404",      "202",   "204"),
        new("GET",    "/api/listen/sessions/{id}/requests",                     Send.Nothing,                                        "401",     "404",      "200",   "200"),
        new("POST",   "/api/listen/requests/{id}/approve",                      Send.Nothing,                                        "401",     "404",      "403",   "200"),
        new("POST",   "/api/listen/requests/{id}/deny",                         Send.JsonBody(new { reason = "later" }),             "401",     "404",      "403",   "200"),
        new("POST",   "/api/listen/sessions/{id}/playback",                     Send.JsonBody(new { action = "pause" }),             "401",     "404",      "403",   "200"),
        new("PUT",    "/api/listen/sessions/{id}/members/{userId}/role",        Send.JsonBody(new { role = "cohost" }),              "401",     "404",      "403",   "200"),
        new("PATCH",  "/api/listen/sessions/{id}/settings",                     Send.JsonBody(new { guests_control_queue = true }),  "401",     "404",      "403",   "200"),
        new("GET",    "/api/listen/sessions/{id}/log",                          Send.Nothing,                                        "401",     "404",      "200",   "200"),
        new("GET",    "/api/listen/sessions/{id}/messages",                     Send.Nothing,                                        "401",     "404",      "200",   "200"),
        new("POST",   "/api/listen/sessions/{id}/messages",                     Send.JsonBody(new { content = "hi" }),               "401",     "404",      "201",   "201"),
        // The pages (a browser: cookies, and the antiforgery token of the person's session on every POST).
        new("GET",    "/listen/{SessionId:guid}",                               Send.Nothing,                                        Login,     "404",      "200",   "200"),
        new("POST",   "/listen/{SessionId:guid}",                               Send.Form(),                                         Login,     "404",      "400",   "400"),
        new("GET",    "/listen/join/{Code}",                                    Send.Nothing,                                        Login,     "200",      "200",   "200"),
        // The join page's own POST pattern is served by the join form's endpoint (/listen/join/{code}), which joins.
        new("POST",   "/listen/join/{Code}",                                    Send.Form(),                                         Login,     Session,    Session, Session),
        new("POST",   "/listen/sessions",                                       Send.Form(("track_id", "{trackId}")),                Login,     Session,    Session, Session),
        new("POST",   "/listen/join",                                           Send.Form(("code", "{code}")),                       Login,     Session,    Session, Session),
        new("POST",   "/listen/join/{code}",                                    Send.Form(),                                         Login,     Session,    Session, Session),
        // Listen together in a call ({callId}: a room the guest joined and the non-member did not; nobody is in its call, so
        // pressing it is refused with 409, join the call first; ListenInCallPagesTests covers those in the call).
        new("GET",    "/listen/calls/{callId}",                                 Send.Htmx,                                           "401",     "404",      "200",   "200"),
        new("POST",   "/listen/calls/{callId}",                                 Send.Form(),                                         Login,     "404",      "409",   "409"),
        // The call panel's Leave and End ({callId}'s session is the check's): as the session page's, with the call's policy first.
        new("POST",   "/listen/calls/{callId}/leave",                           Send.Form(("session_id", "{id}")),                   Login,     "404",      "302→/listen", "400"),
        new("POST",   "/listen/calls/{callId}/end",                             Send.Form(("session_id", "{id}"), ("confirm", "yes")), Login,   "404",      "403",   "302→/listen"),
        new("GET",    "/listen/{sessionId:guid}/library",                       Send.Htmx,                                           "401",     "404",      "200",   "200"),
        new("POST",   "/listen/{sessionId:guid}/queue",                         Send.Form(("track_id", "{trackId}")),                Login,     "404",      Session, Session),
        new("POST",   "/listen/{sessionId:guid}/queue/{itemId:guid}/move",      Send.Form(("direction", "down")),                    Login,     "404",      Session, Session),
        new("POST",   "/listen/{sessionId:guid}/queue/{itemId:guid}/remove",    Send.Form(),                                         Login,     "404",      Session, Session),
        new("POST",   "/listen/{sessionId:guid}/requests/{requestId:guid}/approve", Send.Form(),                                     Login,     "404",      "403",   Session),
        new("POST",   "/listen/{sessionId:guid}/requests/{requestId:guid}/deny", Send.Form(("reason", "later")),                     Login,     "404",      "403",   Session),
        new("POST",   "/listen/{sessionId:guid}/members/{userId:guid}/role",    Send.Form(("role", "cohost")),                       Login,     "404",      "403",   Session),
        new("POST",   "/listen/{sessionId:guid}/settings",                      Send.Form(("guests_queue", "true")),                 Login,     "404",      "403",   Session),
        new("POST",   "/listen/{sessionId:guid}/messages",                      Send.Form(("text", "hi")),                           Login,     "404",      Session, Session),
        new("POST",   "/listen/{sessionId:guid}/leave",                         Send.Form(),                                         Login,     "404",      "302→/listen", "400"),
        new("POST",   "/listen/{sessionId:guid}/end",                           Send.Form(("confirm", "yes")),                       Login,     "404",      "403",   "302→/listen"),
    ];

    public static readonly SocketUpgrade[] Upgrades =
    [
        //   route                     anonymous  non-member  guest   host
        new("/api/ws/listen/{id}",     "401",     "404",      "101",  "101"),
        new("/ws/listen/{id}",         "401",     "404",      "101",  "101"),
    ];

    /// <summary>Each command type, on both sockets (the same commands and rules; only the protocol differs).</summary>
    public static readonly SocketCommand[] Commands =
    [
        .. new[] { "/api/ws/listen/{id}", "/ws/listen/{id}" }.SelectMany(route => new SocketCommand[]
        {
            //  command                                                                                                    anonymous non-member guest                 host
            new(route, """{"type":"playback_command","payload":{"action":"pause"}}""",                                     NoSocket, NoSocket, "error forbidden",     "accepted"),
            new(route, """{"type":"request_playlist_change","payload":{"request_type":"add","payload":{"track_id":"{trackId}"}}}""", NoSocket, NoSocket, "accepted", "accepted"),
            new(route, """{"type":"request_playlist_change","payload":{"request_type":"remove","payload":{"item_id":"{itemId}"}}}""", NoSocket, NoSocket, "accepted", "accepted"),
            new(route, """{"type":"request_playlist_change","payload":{"request_type":"reorder","payload":{"item_id":"{itemId}","new_position":0}}}""", NoSocket, NoSocket, "accepted", "accepted"),
            new(route, """{"type":"approve_request","payload":{"request_id":"{requestId}"}}""",                            NoSocket, NoSocket, "error forbidden",     "accepted"),
            new(route, """{"type":"deny_request","payload":{"request_id":"{requestId}","reason":"later"}}""",              NoSocket, NoSocket, "error forbidden",     "accepted"),
            new(route, """{"type":"sync_ack","payload":{"position_ms":0,"drift_ms":1.5}}""",                               NoSocket, NoSocket, "accepted",            "accepted"),
            new(route, """{"type":"client_state","payload":{"state":"ready"}}""",                                          NoSocket, NoSocket, "accepted",            "accepted"),
            new(route, """{"type":"clock","payload":{"t0":1}}""",                                                          NoSocket, NoSocket, "accepted",            "accepted"),
            new(route, """{"type":"chat_message","payload":{"content":"hi"}}""",                                           NoSocket, NoSocket, "accepted",            "accepted"),
        }),
    ];
}
