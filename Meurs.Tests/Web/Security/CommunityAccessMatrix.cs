namespace Meurs.Tests.Web.Security;

/// <summary>
/// The communities' part of the access matrix (issue 11): every route and socket of servers, channels, messages and voice
/// channels with what each person gets, run by <see cref="CommunityAccessMatrixTests"/> on a fresh open server per check
/// (see <see cref="Support.CommunityScene"/>): the non-member has an account but never joined; the member joined and
/// holds only @everyone (view, send, react, attach, connect, speak: no manage permission); the owner owns the server.
/// <see cref="AccessMatrixTests"/> holds this table to the app's endpoint list together with the rooms' table.
/// <para>
/// Route parameters are filled from the check's server: {id} the server (a voice route's {id} the voice channel, a channel
/// socket's the text channel),
/// {channelId} the text channel, {channel_id} the voice channel, {categoryId}, {roleId} ("Mod", below Admin), {userId}
/// the target member, {messageId} the owner's message, {attachmentId} its PNG, {emoji} 👍, {code} the invite, {file} the icon.
/// </para>
/// </summary>
public static class CommunityAccessMatrix
{
    private const string Login = AccessMatrix.Login;

    public static readonly HttpAccess[] Routes =
    [
        //  method   route                                                                  request                                     anonymous  non-member  member   owner
        new("GET",    "/api/servers/",                                                       Send.Nothing,                               "401",     "200",      "200",   "200"),
        new("POST",   "/api/servers/",                                                       Send.JsonBody(new { title = "New" }),       "401",     "201",      "201",   "201"),
        new("GET",    "/api/servers/{id}",                                                   Send.Nothing,                               "401",     "403",      "200",   "200"),
        new("PATCH",  "/api/servers/{id}",                                                   Send.JsonBody(new { title = "Renamed" }),   "401",     "403",      "403",   "200"),
        new("DELETE", "/api/servers/{id}",                                                   Send.Nothing,                               "401",     "403",      "403",   "204"),
        new("POST",   "/api/servers/{id}/join",                                              Send.Nothing,                               "401",     "200",      "400",   "400"),
        new("POST",   "/api/servers/{id}/image",                                             Send.Image,                                 "401",     "403",      "403",   "200"),
        new("POST",   "/api/servers/{id}/banner",                                            Send.Image,                                 "401",     "403",      "403",   "200"),
        new("GET",    "/api/servers/{id}/invites",                                           Send.Nothing,                               "401",     "403",      "200",   "200"),
        new("POST",   "/api/servers/{id}/invites",                                           Send.JsonBody(new { max_uses = 5 }),        "401",     "403",      "201",   "201"),
        new("DELETE", "/api/servers/{id}/invites/{code}",                                    Send.Nothing,                               "401",     "403",      "403",   "204"),
        new("GET",    "/api/invites/{code}",                                                 Send.Nothing,                               "401",     "200",      "200",   "200"),
        new("POST",   "/api/invites/{code}/join",                                            Send.Nothing,                               "401",     "200",      "400",   "400"),
        new("GET",    "/api/servers/{id}/members",                                           Send.Nothing,                               "401",     "403",      "200",   "200"),
        new("DELETE", "/api/servers/{id}/members/{userId}",                                  Send.Nothing,                               "401",     "403",      "403",   "204"),
        new("POST",   "/api/servers/{id}/bans/{userId}",                                     Send.Nothing,                               "401",     "403",      "403",   "204"),
        new("DELETE", "/api/servers/{id}/bans/{userId}",                                     Send.Nothing,                               "401",     "403",      "403",   "404"),
        new("GET",    "/api/servers/{id}/roles",                                             Send.Nothing,                               "401",     "403",      "200",   "200"),
        new("POST",   "/api/servers/{id}/roles",                                             Send.JsonBody(new { name = "Helper" }),     "401",     "403",      "403",   "201"),
        new("PATCH",  "/api/servers/{id}/roles/{roleId}",                                    Send.JsonBody(new { name = "Moderator" }),  "401",     "403",      "403",   "200"),
        new("DELETE", "/api/servers/{id}/roles/{roleId}",                                    Send.Nothing,                               "401",     "403",      "403",   "204"),
        new("POST",   "/api/servers/{id}/members/{userId}/roles/{roleId}",                   Send.Nothing,                               "401",     "403",      "403",   "204"),
        new("DELETE", "/api/servers/{id}/members/{userId}/roles/{roleId}",                   Send.Nothing,                               "401",     "403",      "403",   "204"),
        new("GET",    "/api/servers/{id}/categories",                                        Send.Nothing,                               "401",     "403",      "200",   "200"),
        new("POST",   "/api/servers/{id}/categories",                                        Send.JsonBody(new { title = "More" }),      "401",     "403",      "403",   "201"),
        new("PATCH",  "/api/servers/{id}/categories/{categoryId}",                           Send.JsonBody(new { title = "Other" }),     "401",     "403",      "403",   "200"),
        new("DELETE", "/api/servers/{id}/categories/{categoryId}",                           Send.Nothing,                               "401",     "403",      "403",   "204"),
        new("POST",   "/api/servers/{id}/categories/{categoryId}/collapse",                  Send.Nothing,                               "401",     "403",      "204",   "204"),
        new("DELETE", "/api/servers/{id}/categories/{categoryId}/collapse",                  Send.Nothing,                               "401",     "403",      "204",   "204"),
        new("GET",    "/api/servers/{id}/channels",                                          Send.Nothing,                               "401",     "403",      "200",   "200"),
        new("POST",   "/api/servers/{id}/channels",                                          Send.JsonBody(new { title = "news", type = "text" }), "401", "403", "403",   "201"),
        new("PATCH",  "/api/servers/{id}/channels/{channelId}",                              Send.JsonBody(new { title = "lobby" }),     "401",     "403",      "403",   "200"),
        new("DELETE", "/api/servers/{id}/channels/{channelId}",                              Send.Nothing,                               "401",     "403",      "403",   "204"),
        new("GET",    "/api/servers/{id}/channels/{channelId}/permissions",                  Send.Nothing,                               "401",     "403",      "403",   "200"),
        new("PUT",    "/api/servers/{id}/channels/{channelId}/permissions/{roleId}",         Send.JsonBody(new { can_write = false }),   "401",     "403",      "403",   "200"),
        new("POST",   "/api/servers/{id}/channels/{channelId}/mute",                         Send.Nothing,                               "401",     "403",      "204",   "204"),
        new("DELETE", "/api/servers/{id}/channels/{channelId}/mute",                         Send.Nothing,                               "401",     "403",      "204",   "204"),
        new("GET",    "/server-images/{file}",                                               Send.Nothing,                               Login,     "200",      "200",   "200"),
        new("GET",    "/api/channels/{channelId:guid}/messages",                             Send.Nothing,                               "401",     "403",      "200",   "200"),
        new("POST",   "/api/channels/{channelId:guid}/messages",                             Send.JsonBody(new { content = "hi" }),      "401",     "403",      "201",   "201"),
        new("PATCH",  "/api/channels/{channelId:guid}/messages/{messageId:guid}",            Send.JsonBody(new { content = "edited" }),  "401",     "403",      "403",   "200"),
        new("DELETE", "/api/channels/{channelId:guid}/messages/{messageId:guid}",            Send.Nothing,                               "401",     "403",      "403",   "204"),
        new("POST",   "/api/channels/{channelId:guid}/messages/{messageId:guid}/reactions/{emoji}", Send.Nothing,                        "401",     "403",      "204",   "204"),
        new("DELETE", "/api/channels/{channelId:guid}/messages/{messageId:guid}/reactions/{emoji}", Send.Nothing,                        "401",     "403",      "204",   "204"),
        new("POST",   "/api/channels/{channelId:guid}/messages/{messageId:guid}/attachments", Send.Upload,                               "401",     "403",      "403",   "200"),
        new("POST",   "/api/channels/{channelId:guid}/messages/{messageId:guid}/pin",        Send.Nothing,                               "401",     "403",      "403",   "200"),
        new("DELETE", "/api/channels/{channelId:guid}/messages/{messageId:guid}/pin",        Send.Nothing,                               "401",     "403",      "403",   "204"),
        new("POST",   "/api/channels/{channelId:guid}/read",                                 Send.Nothing,                               "401",     "403",      "204",   "204"),
        new("POST",   "/api/channels/{channelId:guid}/typing",                               Send.Nothing,                               "401",     "403",      "204",   "204"),
        new("GET",    "/api/channels/{id}/voice/members",                                    Send.Nothing,                               "401",     "403",      "200",   "200"),
        new("GET",    "/channels/{channelId:guid}/messages",                                 Send.Htmx,                                  "401",     "403",      "200",   "200"),
        new("POST",   "/channels/{channelId:guid}/messages",                                 Send.Upload,                                "401",     "403",      "201",   "201"),
        new("GET",    "/channels/{channelId:guid}/attachments/{attachmentId:guid}",          Send.Nothing,                               Login,     "404",      "200",   "200"),
    ];

    public static readonly SocketUpgrade[] Upgrades =
    [
        //   route                          anonymous  non-member  member  owner
        new("/ws/channels/{id}",            "401",     "403",      "101",  "101"),
        new("/api/ws/channels/{id}",        "401",     "403",      "101",  "101"),
        new("/api/ws/servers/{id}",         "401",     "403",      "101",  "101"),
        new("/api/ws/voice/{channel_id}",   "401",     "403",      "101",  "101"),
    ];

    public static readonly SocketCommand[] Commands =
    [
        //   route                          command                                           anonymous           non-member          member                owner
        new("/api/ws/channels/{id}",        """{"type":"typing"}""",                          SocketAccessMatrix.NoSocket, SocketAccessMatrix.NoSocket, "accepted", "accepted"),
        new("/api/ws/channels/{id}",        """{"type":"read"}""",                            SocketAccessMatrix.NoSocket, SocketAccessMatrix.NoSocket, "accepted", "accepted"),
        new("/api/ws/servers/{id}",         """{"type":"ping"}""",                            SocketAccessMatrix.NoSocket, SocketAccessMatrix.NoSocket, "accepted", "accepted"),
        new("/api/ws/voice/{channel_id}",   """{"type":"state","is_muted":true}""",           SocketAccessMatrix.NoSocket, SocketAccessMatrix.NoSocket, "accepted", "accepted"),
        new("/api/ws/voice/{channel_id}",   """{"type":"publish","sdp":"v=0"}""",             SocketAccessMatrix.NoSocket, SocketAccessMatrix.NoSocket, "error bad_sdp", "error bad_sdp"),
    ];
}
