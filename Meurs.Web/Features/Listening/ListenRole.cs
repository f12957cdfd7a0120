namespace Meurs.Web.Features.Listening;

/// <summary>A member's part in a session; on the wire <c>host</c>, <c>cohost</c> or <c>guest</c>.</summary>
public enum ListenRole
{
    /// <summary>Joined by code, link or call; their queue changes are requests unless the host allows otherwise.</summary>
    Guest,

    /// <summary>Promoted by the host or another co-host; the host's powers (deciding requests, the switches, roles, ending the session), except that the host's own role never changes.</summary>
    CoHost,

    /// <summary>Who started it: every power.</summary>
    Host,
}
