namespace Meurs.Tests.Web.Security;

/// <summary>The socket part of the access matrix: each endpoint's upgrade per person, then each command per person.</summary>
public static class SocketAccessMatrix
{
    public static readonly SocketUpgrade[] Upgrades =
    [
        //   route                  anonymous  non-member  member  owner or admin
        new("/ws/me",               "401",     "101",      "101",  "101"),
        new("/ws/rooms/{id}",       "401",     "101",      "101",  "101"),
        new("/ws/comuni/{id}",      "401",     "101",      "101",  "101"),
        new("/ws/voice/{id}",       "401",     "404",      "101",  "101"),
    ];
}

/// <summary>A socket endpoint and the answer to its upgrade request ("101" when accepted) per person.</summary>
public sealed record SocketUpgrade(string Route, string Anonymous, string NonMember, string Member, string OwnerOrAdmin);
