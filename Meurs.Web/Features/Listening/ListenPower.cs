namespace Meurs.Web.Features.Listening;

/// <summary>What an action needs of a session member (<see cref="ListenPowers"/> decides who has it).</summary>
public enum ListenPower
{
    /// <summary>Being a member: listening, the clock, reporting one's own sync state, asking for queue changes.</summary>
    Listen,

    /// <summary>Playing, pausing, seeking and skipping.</summary>
    ControlPlayback,

    /// <summary>Deciding requests, switches, roles, ending the session.</summary>
    Manage,
}

/// <summary>A command or action that says which <see cref="ListenPower"/> it needs; the <see cref="ListenChannelPolicy"/> refuses a command that does not say.</summary>
public interface IRequiresListenPower
{
    /// <summary>The power needed.</summary>
    ListenPower Needs { get; }
}
