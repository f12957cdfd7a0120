namespace Meurs.Tests.Web.Security;

/// <summary>
/// The access matrix (issue 10): every HTTP route of the app with what each kind of person gets. One row per route
/// (and method); <see cref="AccessMatrixTests"/> fails when the app has a route this table does not list, when the table
/// lists one the app no longer has, and when any answer differs. The socket endpoints and their commands are in
/// <see cref="SocketAccessMatrix"/>.
/// <para>
/// An answer is the status, and for a redirect "→" and the target path (query left out; a room id shows as {id}).
/// Requests go as a browser sends them (cookies, and the antiforgery token of that person's session on every POST), or,
/// for <c>/api/…</c>, as a program does (bearer token, no cookies). Each check gets a fresh room owned by the owner, which
/// the member has joined and where one file is shared; the non-member has an account but never joined it.
/// </para>
/// </summary>
public static class AccessMatrix
{
    /// <summary>Redirected to the login page.</summary>
    public const string Login = "302→/login";

    // Route parameters are filled from the check's room: {id} and {Id} the room, {fileId} its shared file, {**path} a
    // library file, {id:guid} of a cover a library item, {Code} 404.
    public static readonly HttpAccess[] Routes =
    [
        //  method   route                                   request                       anonymous  non-member       member           owner or admin
        new("GET",    "/",                                   Send.Nothing,                 Login,     "200",           "200",           "200"),
        new("GET",    "/",                                   Send.Htmx,                    "401",     "200",           "200",           "200"),
        new("POST",   "/",                                   Send.Form(),                  Login,     "400",           "400",           "400"),
        new("GET",    "/about",                              Send.Nothing,                 "200",     "200",           "200",           "200"),
        new("POST",   "/about",                              Send.Form(),                  "400",     "400",           "400",           "400"),
        new("GET",    "/games",                              Send.Nothing,                 "200",     "200",           "200",           "200"),
        new("POST",   "/games",                              Send.Form(),                  "400",     "400",           "400",           "400"),
        new("GET",    "/communities",                        Send.Nothing,                 Login,     "200",           "200",           "200"),
        new("POST",   "/communities",                        Send.Form(),                  Login,     "400",           "400",           "400"),
        new("GET",    "/listen",                             Send.Nothing,                 Login,     "200",           "200",           "200"),
        new("POST",   "/listen",                             Send.Form(),                  Login,     "400",           "400",           "400"),
        new("GET",    "/error",                              Send.Nothing,                 "200",     "200",           "200",           "200"),
        new("POST",   "/error",                              Send.Form(),                  "400",     "400",           "400",           "400"),
        new("GET",    "/error/{Code:int}",                   Send.Nothing,                 "404",     "404",           "404",           "404"),
        new("POST",   "/error/{Code:int}",                   Send.Form(),                  "404",     "404",           "404",           "404"),
        new("*",      "/health",                             Send.Nothing,                 "200",     "200",           "200",           "200"),
        new("GET",    "/_framework/opaque-redirect",          Send.Nothing,                 "400",     "400",           "400",           "400"),
        new("GET",    "/login",                              Send.Nothing,                 "200",     "200",           "200",           "200"),
        new("POST",   "/login",                              Send.Form(("_handler", "login"), ("Input.Username", "nobody"), ("Input.Password", "wrong password")), "400", "400", "400", "400"),
        new("GET",    "/signup",                             Send.Nothing,                 "200",     "200",           "200",           "200"),
        new("POST",   "/signup",                             Send.Form(("_handler", "signup"), ("Input.Username", "x"), ("Input.Password", "short"), ("Input.ConfirmPassword", "short")), "400", "400", "400", "400"),
        new("GET",    "/profile",                            Send.Nothing,                 Login,     "200",           "200",           "200"),
        new("POST",   "/profile",                            Send.Form(("_handler", "create-token"), ("NewToken.Name", "matrix"), ("NewToken.Days", "30")), Login, "200", "200", "200"),
        new("POST",   "/logout",                             Send.Form(),                  Login,     Login,           Login,           Login,   SignsOut: true),
        new("POST",   "/me/status",                          Send.Form(("status", "dnd")), Login,     "302→/",         "302→/",         "302→/"),
        new("GET",    "/rooms",                              Send.Nothing,                 Login,     "200",           "200",           "200"),
        new("POST",   "/rooms",                              Send.Form(("_handler", "create-room")), Login, "302→/rooms/{id}", "302→/rooms/{id}", "302→/rooms/{id}"),
        new("GET",    "/rooms/{Id}",                         Send.Nothing,                 Login,     "200",           "200",           "200"),
        new("POST",   "/rooms/{Id}",                         Send.Form(),                  Login,     "400",           "400",           "400"),
        new("POST",   "/rooms/{id}/close",                   Send.Form(("confirm", "yes")), Login,    "403",           "403",           "302→/rooms"),
        new("POST",   "/rooms/{id}/join",                    Send.Form(),                  Login,     "302→/rooms/{id}", "302→/rooms/{id}", "302→/rooms/{id}"),
        new("POST",   "/rooms/{id}/leave",                   Send.Form(),                  Login,     "302→/rooms",    "302→/rooms",    "302→/rooms"),
        new("POST",   "/rooms/{id}/name",                    Send.Form(("name", "Renamed")), Login,   "403",           "403",           "302→/rooms/{id}"),
        new("POST",   "/rooms/{id}/files/",                  Send.Upload,                  "401",     "404",           "201",           "201"),
        new("GET",    "/rooms/{id}/files/{fileId:guid}",     Send.Nothing,                 Login,     "404",           "200",           "200"),
        new("GET",    "/media/{**path}",                     Send.Nothing,                 "401",     "200",           "200",           "200"),
        new("GET",    "/library/covers/{id:guid}",           Send.Nothing,                 Login,     "200",           "200",           "200"),
        new("GET",    "/api/library",                        Send.Nothing,                 "401",     "200",           "200",           "200"),
        new("POST",   "/api/auth/register",                  Send.NewAccount,              "201",     "201",           "201",           "201"),
        new("POST",   "/api/auth/login",                     Send.OwnLogin,                "401",     "200",           "200",           "200"),
        new("POST",   "/api/auth/logout",                    Send.Nothing,                 "401",     "204",           "204",           "204",   SignsOut: true),
        new("GET",    "/api/users/me",                       Send.Nothing,                 "401",     "200",           "200",           "200"),
        new("PUT",    "/api/users/me/status",                Send.JsonBody(new { status = "dnd" }), "401", "200",      "200",           "200"),
        new("PATCH",  "/api/users/me",                       Send.JsonBody(new { }),       "401",     "200",           "200",           "200"),
        new("POST",   "/api/users/me/avatar",                Send.Nothing,                 "401",     "415",           "415",           "415"),
        new("DELETE", "/api/users/me/avatar",                Send.Nothing,                 "401",     "204",           "204",           "204"),
        new("GET",    "/api/users/{id}",                     Send.Nothing,                 "401",     "404",           "404",           "404"),
        new("GET",    "/people/{id}/card",                   Send.Nothing,                 Login,     "404",           "404",           "404"),
        new("GET",    "/avatars/{file}",                     Send.Nothing,                 Login,     "404",           "404",           "404"),
        new("POST",   "/profile/edit",                       Send.Form(),                  Login,     "302→/profile",  "302→/profile",  "302→/profile"),
        new("POST",   "/profile/avatar",                     Send.Form(),                  Login,     "400",           "400",           "400"),
        new("POST",   "/profile/avatar/remove",              Send.Form(),                  Login,     "302→/profile",  "302→/profile",  "302→/profile"),
        new("POST",   "/profile/username",                   Send.Form(),                  Login,     "400",           "400",           "400"),
        new("POST",   "/profile/delete",                     Send.Form(),                  Login,     "400",           "400",           "400"),
        new("POST",   "/profile/sessions/end",               Send.Form(),                  Login,     Login,           Login,           Login,   SignsOut: true),
        new("POST",   "/api/comuni/rooms/",                  Send.Nothing,                 "401",     "201",           "201",           "201"),
        new("GET",    "/api/comuni/rooms/{id}",              Send.Nothing,                 "401",     "200",           "200",           "200"),
        new("POST",   "/api/comuni/rooms/{id}/join",         Send.Nothing,                 "401",     "200",           "200",           "200"),
        new("DELETE", "/api/comuni/rooms/{id}",              Send.Nothing,                 "401",     "403",           "403",           "200"),
        // Hangfire's dashboard is middleware under this prefix, not endpoints: listed here so it is checked all the same.
        new("GET",    "/admin/jobs",                         Send.Nothing,                 "401",     "403",           "403",           "200",   Middleware: true),
        new("GET",    "/admin/jobs/recurring",               Send.Nothing,                 "401",     "403",           "403",           "200",   Middleware: true),
        new("POST",   "/admin/jobs/recurring/trigger",       Send.Form(("jobs[]", "ClearIdleRooms")), "401", "403", "403",        "204",   Middleware: true),
        // Friends and blocking (issue 13): nobody here has a request or a friend, so an action on one is 404 ({id} is the
        // room's id, {id:guid} a library item's, {userId} left as it is: none is a request or a person).
        new("GET",    "/friends",                            Send.Nothing,                 Login,     "200",           "200",           "200"),
        new("POST",   "/friends",                            Send.Form(),                  Login,     "400",           "400",           "400"),
        new("POST",   "/friends/requests",                   Send.Form(("username", "nobody-at-all")), Login, "404",   "404",           "404"),
        new("POST",   "/friends/requests/{id:guid}/accept",  Send.Form(("action", "accept")), Login,  "404",           "404",           "404"),
        new("POST",   "/friends/requests/{id:guid}/decline", Send.Form(("action", "decline")), Login, "404",           "404",           "404"),
        new("POST",   "/friends/requests/{id:guid}/cancel",  Send.Form(("action", "cancel")), Login,  "404",           "404",           "404"),
        new("POST",   "/friends/{userId:guid}/remove",       Send.Form(("action", "remove")), "404",  "404",           "404",           "404"),
        new("POST",   "/blocks/{userId:guid}",               Send.Form(("action", "block")), "404",   "404",           "404",           "404"),
        new("POST",   "/blocks/{userId:guid}/delete",        Send.Form(("action", "delete")), "404",  "404",           "404",           "404"),
        new("GET",    "/api/friends/",                       Send.Nothing,                 "401",     "200",           "200",           "200"),
        new("GET",    "/api/friends/requests",               Send.Nothing,                 "401",     "200",           "200",           "200"),
        new("POST",   "/api/friends/requests",               Send.JsonBody(new { username = "nobody-at-all" }), "401", "404", "404",  "404"),
        new("POST",   "/api/friends/requests/{id}/accept",   Send.Nothing,                 "401",     "404",           "404",           "404"),
        new("POST",   "/api/friends/requests/{id}/decline",  Send.Nothing,                 "401",     "404",           "404",           "404"),
        new("DELETE", "/api/friends/requests/{id}",          Send.Nothing,                 "401",     "404",           "404",           "404"),
        new("DELETE", "/api/friends/{userId}",               Send.Nothing,                 "401",     "404",           "404",           "404"),
        new("GET",    "/api/blocks/",                        Send.Nothing,                 "401",     "200",           "200",           "200"),
        new("PUT",    "/api/blocks/{userId}",                Send.Nothing,                 "401",     "404",           "404",           "404"),
        new("DELETE", "/api/blocks/{userId}",                Send.Nothing,                 "401",     "404",           "404",           "404"),
        // Direct messages: a {…:guid} parameter filled with the room's id matches no route (404 to all, as for friends).
        new("GET",    "/dms",                                Send.Nothing,                 Login,     "200",           "200",           "200"),
        new("POST",   "/dms",                                Send.Form(),                  Login,     "400",           "400",           "400"),
        new("GET",    "/dms/{ChannelId:guid}",               Send.Nothing,                 "404",     "404",           "404",           "404"),
        new("POST",   "/dms/{ChannelId:guid}",               Send.Form(),                  "404",     "404",           "404",           "404"),
        new("GET",    "/api/dms/",                           Send.Nothing,                 "401",     "200",           "200",           "200"),
        new("GET",    "/api/dms/{userId:guid}",              Send.Nothing,                 "404",     "404",           "404",           "404"),
        new("POST",   "/api/dms/{userId:guid}",              Send.JsonBody(new { content = "hi" }), "404", "404",      "404",           "404"),
        new("DELETE", "/api/dms/{messageId:guid}",           Send.Nothing,                 "404",     "404",           "404",           "404"),
        new("POST",   "/api/dms/{messageId:guid}/attachments", Send.Nothing,               "404",     "404",           "404",           "404"),
    ];
}
