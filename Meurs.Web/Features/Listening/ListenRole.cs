namespace Meurs.Web.Features.Listening;

/// <summary>A member's part in a session; on the wire <c>host</c>, <c>cohost</c> or <c>guest</c>.</summary>
public enum ListenRole
{
    /// <summary>Joined by code, link or call; their queue changes are requests unless the host allows otherwise.</summary>
    Guest,

    /// <summary>Promoted by the host; the same powers as the host except ending the session and changing roles.</summary>
    CoHost,

    /// <summary>Who started it: every power.</summary>
    Host,
}
