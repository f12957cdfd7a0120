namespace Meurs.Web.Features.Accounts;

/// <summary>
/// A person's status, Discord's four (<c>online</c>, <c>idle</c>, <c>dnd</c>, <c>invisible</c>). Stored as the one they
/// chose; what others see is derived from it and their connections: offline without a live connection, offline while
/// invisible, idle after a while without input.
/// </summary>
public enum PresenceStatus
{
    /// <summary>Around (<c>online</c>).</summary>
    Online,

    /// <summary>Away from the keyboard (<c>idle</c>): chosen, or after a while without input in any tab.</summary>
    Idle,

    /// <summary>Do not disturb (<c>dnd</c>): notifications are quiet.</summary>
    DoNotDisturb,

    /// <summary>Looks offline to everyone else (<c>invisible</c>) while using Meurs as usual.</summary>
    Invisible,
}
