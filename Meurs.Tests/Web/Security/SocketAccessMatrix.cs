namespace Meurs.Tests.Web.Security;

/// <summary>
/// The socket part of the access matrix: each endpoint's upgrade per person ("101" when accepted, else the HTTP status),
/// then each command per person. Browsers' sockets carry the person's cookies; <c>/ws/comuni</c> is a program's, with a
/// bearer token. A command's answer is "accepted" (no error came back), "error &lt;code&gt;" (an error frame, or for a page
/// the composer with the reason), "closed &lt;status&gt;" (the server closed the socket) or "no socket" (the upgrade was
/// refused). {self} in a command is the sender's own username.
/// </summary>
public static class SocketAccessMatrix
{
    /// <summary>The upgrade was refused, so no command can be sent.</summary>
    public const string NoSocket = "no socket";

    public static readonly SocketUpgrade[] Upgrades =
    [
        //   route                  anonymous  non-member  member  owner or admin
        new("/ws/me",               "401",     "101",      "101",  "101"),
        new("/api/ws/me",           "401",     "101",      "101",  "101"),
        new("/ws/rooms/{id}",       "401",     "101",      "101",  "101"),
        new("/ws/comuni/{id}",      "401",     "101",      "101",  "101"),
        new("/ws/voice/{id}",       "401",     "404",      "101",  "101"),
    ];

    public static readonly SocketCommand[] Commands =
    [
        //   route                command                                                                        anonymous  non-member               member                   owner or admin
        new("/ws/me",             """{"type":"ping"}""",                                                          NoSocket,  "accepted",              "accepted",              "accepted"),
        new("/api/ws/me",         """{"type":"ping"}""",                                                          NoSocket,  "accepted",              "accepted",              "accepted"),
        new("/ws/rooms/{id}",     """{"text":"hello"}""",                                                         NoSocket,  "accepted",              "accepted",              "accepted"),
        new("/ws/rooms/{id}",     """{"type":"chat","text":"hello"}""",                                           NoSocket,  "accepted",              "accepted",              "accepted"),
        new("/ws/rooms/{id}",     """{"text":"/pm {self} hello"}""",                                              NoSocket,  "accepted",              "accepted",              "accepted"),
        new("/ws/rooms/{id}",     """{"text":"   "}""",                                                           NoSocket,  "error Type a message before sending.", "error Type a message before sending.", "error Type a message before sending."),
        new("/ws/rooms/{id}",     """{"type":"file","transfer_id":"m1","filename":"a.txt","size":1}""",            NoSocket,  "accepted",              "accepted",              "accepted"),
        new("/ws/rooms/{id}",     """{"type":"leave"}""",                                                         NoSocket,  "closed NormalClosure",  "closed NormalClosure",  "closed NormalClosure"),
        new("/ws/comuni/{id}",    """{"type":"chat","text":"hello"}""",                                           NoSocket,  "accepted",              "accepted",              "accepted"),
        new("/ws/comuni/{id}",    """{"type":"pm","to":"{self}","text":"hello"}""",                               NoSocket,  "accepted",              "accepted",              "accepted"),
        new("/ws/comuni/{id}",    """{"type":"pm","to":"nobody-here","text":"hello"}""",                           NoSocket,  "error recipient_offline", "error recipient_offline", "error recipient_offline"),
        new("/ws/comuni/{id}",    """{"type":"file","transfer_id":"m1","filename":"a.txt","size":1}""",            NoSocket,  "accepted",              "accepted",              "accepted"),
        new("/ws/comuni/{id}",    """{"type":"leave"}""",                                                         NoSocket,  "closed NormalClosure",  "closed NormalClosure",  "closed NormalClosure"),
        new("/ws/voice/{id}",     """{"type":"state","muted":true,"deafened":false,"camera":false,"screen":false}""", NoSocket, NoSocket,            "accepted",              "accepted"),
        new("/ws/voice/{id}",     """{"type":"publish","sdp":"v=0"}""",                                           NoSocket,  NoSocket,                "error bad_sdp",         "error bad_sdp"),
        new("/ws/voice/{id}",     """{"type":"subscribe-answer","sdp":"v=0"}""",                                  NoSocket,  NoSocket,                "error unexpected_answer", "error unexpected_answer"),
    ];
}

/// <summary>A socket endpoint and the answer to its upgrade request per person.</summary>
public sealed record SocketUpgrade(string Route, string Anonymous, string NonMember, string Member, string OwnerOrAdmin)
{
    public string Expected(Support.AccessRole role) => role switch
    {
        Support.AccessRole.Anonymous => Anonymous,
        Support.AccessRole.NonMember => NonMember,
        Support.AccessRole.Member => Member,
        _ => OwnerOrAdmin,
    };
}

/// <summary>A command sent on a socket endpoint and its answer per person.</summary>
public sealed record SocketCommand(string Route, string Command, string Anonymous, string NonMember, string Member, string OwnerOrAdmin)
{
    public string Expected(Support.AccessRole role) => role switch
    {
        Support.AccessRole.Anonymous => Anonymous,
        Support.AccessRole.NonMember => NonMember,
        Support.AccessRole.Member => Member,
        _ => OwnerOrAdmin,
    };
}
