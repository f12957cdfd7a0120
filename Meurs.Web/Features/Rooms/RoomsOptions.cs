namespace Meurs.Web.Features.Rooms;

/// <summary>Room behaviour, bound from the <c>Rooms</c> configuration section.</summary>
public sealed class RoomsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rooms";

    /// <summary>Events sent to a client when it connects (default 200, the original app's figure).</summary>
    public int HistoryLength { get; set; } = 200;

    /// <summary>
    /// How long after someone's last connection closes before they count as gone (default 5 s). A reload or a
    /// brief network drop inside this window is not a leave, so it neither announces "left" nor, for the owner,
    /// clears the history.
    /// </summary>
    public TimeSpan LeaveGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries to find an unused id before creating a room fails (default 8).</summary>
    public int IdAttempts { get; set; } = 8;
}
