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
        new("GET",    "/channels/{channelId:guid}/pins",                                     Send.Htmx,                                  "401",     "403",      "200",   "200"),
        new("GET",    "/channels/{channelId:guid}/attachments/{attachmentId:guid}",          Send.Nothing,                               Login,     "404",      "200",   "200"),
        // The pages (a browser: cookies, and the antiforgery token of the person's session on every POST).
        new("GET",    "/servers/{ServerId:guid}",                                            Send.Nothing,                               Login,     "403",        "302→/servers/{id}/channels/{id}",     "302→/servers/{id}/channels/{id}"),
        new("POST",   "/servers/{ServerId:guid}",                                            Send.Form(),                                Login,     "403",        "400→/servers/{id}/channels/{id}",     "400→/servers/{id}/channels/{id}"),
        new("GET",    "/servers/{ServerId:guid}/channels/{ChannelId:guid}",                  Send.Nothing,                               Login,     "403",        "200",     "200"),
        new("POST",   "/servers/{ServerId:guid}/channels/{ChannelId:guid}",                  Send.Form(),                                Login,     "403",        "400",     "400"),
        new("GET",    "/servers/{ServerId:guid}/settings",                                   Send.Nothing,                               Login,     "403",        "200",     "200"),
        new("GET",    "/servers/{ServerId:guid}/channels/{ChannelId:guid}/settings",         Send.Nothing,                               Login,     "403",        "403",     "200"),
        new("GET",    "/invite/{Code}",                                                      Send.Nothing,                               Login,     "200",        "200",     "200"),
        new("POST",   "/invite/{Code}",                                                      Send.Form(),                                Login,     "400",        "400",     "400"),
        new("GET",    "/servers/{serverId:guid}/sidebar",                                    Send.Htmx,                                  "401",     "403",        "200",     "200"),
        new("GET",    "/servers/{serverId:guid}/mentions",                                   Send.Htmx,                                  "401",     "403",        "200",     "200"),
        new("POST",   "/servers/{serverId:guid}/join",                                       Send.Form(),                                Login,     "302→/servers/{id}",        "400",     "400"),
        new("POST",   "/servers/{serverId:guid}/leave",                                      Send.Form(),                                Login,     "403",        "302→/communities",     "400"),
        new("POST",   "/servers/{serverId:guid}/channels",                                   Send.Form(("name", "news"), ("type", "text")), Login,  "403",        "403",     "302→/servers/{id}/channels/{id}"),
        new("POST",   "/servers/{serverId:guid}/categories",                                 Send.Form(("name", "More")),                Login,     "403",        "403",     "302→/servers/{id}"),
        new("POST",   "/servers/{serverId:guid}/categories/{categoryId:guid}/collapse",      Send.Form(("collapsed", "true")),           Login,     "403",        "302→/servers/{id}",     "302→/servers/{id}"),
        new("POST",   "/servers/{serverId:guid}/channels/{channelId:guid}/mute",             Send.Form(("muted", "true")),               Login,     "403",        "302→/servers/{id}",     "302→/servers/{id}"),
        new("POST",   "/servers/{serverId:guid}/channels/{channelId:guid}/move",             Send.Form(("direction", "down")),           Login,     "403",        "403",     "302→/servers/{id}"),
        new("POST",   "/servers/{serverId:guid}/channels/order",                             Send.Form(("category_id", ""), ("ids", "{channelId}"), ("channel_id", "{channelId}")), Login, "403", "403", "302→/servers/{id}"),
        new("POST",   "/servers/{serverId:guid}/categories/{categoryId:guid}/move",          Send.Form(("direction", "up")),             Login,     "403",        "403",     "302→/servers/{id}"),
        new("POST",   "/servers/{serverId:guid}/categories/order",                           Send.Form(("ids", "{categoryId}")),         Login,     "403",        "403",     "302→/servers/{id}"),
        new("POST",   "/servers/{serverId:guid}/settings",                                   Send.Form(("name", "Renamed")),             Login,     "403",        "403",     "302→/servers/{id}/settings#overview"),
        new("POST",   "/servers/{ServerId:guid}/settings",                                   Send.Form(("name", "Renamed")),             Login,     "403",        "403",     "302→/servers/{id}/settings#overview"),
        new("POST",   "/servers/{serverId:guid}/icon",                                       Send.Image,                                 Login,     "403",        "403",     "302→/servers/{id}/settings#overview"),
        new("POST",   "/servers/{serverId:guid}/banner",                                     Send.Image,                                 Login,     "403",        "403",     "302→/servers/{id}/settings#overview"),
        new("POST",   "/servers/{serverId:guid}/delete",                                     Send.Form(("confirm", "yes")),              Login,     "403",        "403",     "302→/communities"),
        new("POST",   "/servers/{serverId:guid}/roles",                                      Send.Form(("name", "Helper")),              Login,     "403",        "403",     "302→/servers/{id}/settings#roles"),
        new("POST",   "/servers/{serverId:guid}/roles/{roleId:guid}",                        Send.Form(("name", "Moderator")),           Login,     "403",        "403",     "302→/servers/{id}/settings#roles"),
        new("POST",   "/servers/{serverId:guid}/roles/{roleId:guid}/delete",                 Send.Form(),                                Login,     "403",        "403",     "302→/servers/{id}/settings#roles"),
        new("POST",   "/servers/{serverId:guid}/roles/{roleId:guid}/move",                   Send.Form(("direction", "up")),             Login,     "403",        "403",     "302→/servers/{id}/settings#roles"),
        new("POST",   "/servers/{serverId:guid}/roles/order",                                Send.Form(("ids", "{roleId}")),             Login,     "403",        "403",     "400"),
        new("POST",   "/servers/{serverId:guid}/members/{userId:guid}/roles",                Send.Form(("role_id", "{roleId}")),         Login,     "403",        "403",     "302→/servers/{id}/settings#members"),
        new("POST",   "/servers/{serverId:guid}/members/{userId:guid}/kick",                 Send.Form(),                                Login,     "403",        "403",     "302→/servers/{id}/settings#members"),
        new("POST",   "/servers/{serverId:guid}/members/{userId:guid}/ban",                  Send.Form(("reason", "spam")),              Login,     "403",        "403",     "302→/servers/{id}/settings#members"),
        new("POST",   "/servers/{serverId:guid}/bans/{userId:guid}/delete",                  Send.Form(),                                Login,     "403",        "403",     "404"),
        new("POST",   "/servers/{serverId:guid}/invites",                                    Send.Form(("max_uses", "3")),               Login,     "403",        "302→/servers/{id}/settings#invites",     "302→/servers/{id}/settings#invites"),
        new("POST",   "/servers/{serverId:guid}/invites/{code}/revoke",                      Send.Form(),                                Login,     "403",        "403",     "302→/servers/{id}/settings#invites"),
        new("POST",   "/servers/{serverId:guid}/channels/{channelId:guid}/settings",         Send.Form(("name", "lobby")),               Login,     "403",        "403",     "302→/servers/{id}/channels/{id}/settings"),
        new("POST",   "/servers/{ServerId:guid}/channels/{ChannelId:guid}/settings",         Send.Form(("name", "lobby")),               Login,     "403",        "403",     "302→/servers/{id}/channels/{id}/settings"),
        new("POST",   "/servers/{serverId:guid}/channels/{channelId:guid}/overrides/{roleId:guid}", Send.Form(("send_messages", "deny")), Login, "403",       "403",     "302→/servers/{id}/channels/{id}/settings"),
        new("POST",   "/servers/{serverId:guid}/channels/{channelId:guid}/delete",           Send.Form(("confirm", "yes")),              Login,     "403",        "403",     "302→/servers/{id}"),
    ];

    public static readonly SocketUpgrade[] Upgrades =
    [
        //   route                          anonymous  non-member  member  owner
        new("/ws/channels/{id}",            "401",     "403",      "101",  "101"),
        new("/ws/servers/{id}",             "401",     "403",      "101",  "101"),
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
