namespace Meurs.Web.Features.Accounts;

/// <summary>
/// The status strings people are shown with, on pages (<c>data-status</c>) and in the API (<c>status</c>): Discord's
/// <c>online</c>, <c>idle</c>, <c>dnd</c>, <c>offline</c>, and <c>invisible</c>, which only the person sees of themselves.
/// </summary>
public static class UserStatus
{
    /// <summary>Connected and around.</summary>
    public const string Online = "online";

    /// <summary>Connected, but chose idle or gave no input for a while.</summary>
    public const string Idle = "idle";

    /// <summary>Connected, chose do not disturb.</summary>
    public const string DoNotDisturb = "dnd";

    /// <summary>Connected and chose to look offline: only they see this; everyone else sees <see cref="Offline"/>.</summary>
    public const string Invisible = "invisible";

    /// <summary>No live connection (after a short grace period), or invisible.</summary>
    public const string Offline = "offline";

    /// <summary>The name of a chosen <paramref name="status"/> (<c>online</c>, <c>idle</c>, <c>dnd</c>, <c>invisible</c>).</summary>
    public static string Of(PresenceStatus status) => status switch
    {
        PresenceStatus.Idle => Idle,
        PresenceStatus.DoNotDisturb => DoNotDisturb,
        PresenceStatus.Invisible => Invisible,
        _ => Online,
    };

    /// <summary>Reads a status a person may choose (<c>online</c>, <c>idle</c>, <c>dnd</c>, <c>invisible</c>); false for anything else.</summary>
    public static bool TryParse(string? text, out PresenceStatus status)
    {
        (var ok, status) = text switch
        {
            Online => (true, PresenceStatus.Online),
            Idle => (true, PresenceStatus.Idle),
            DoNotDisturb => (true, PresenceStatus.DoNotDisturb),
            Invisible => (true, PresenceStatus.Invisible),
            _ => (false, PresenceStatus.Online),
        };
        return ok;
    }

    /// <summary>How <paramref name="status"/> reads to people (<c>Online</c>, <c>Idle</c>, <c>Do not disturb</c>, <c>Invisible</c>, <c>Offline</c>).</summary>
    public static string Label(string status) => status switch
    {
        Online => "Online",
        Idle => "Idle",
        DoNotDisturb => "Do not disturb",
        Invisible => "Invisible",
        _ => "Offline",
    };
}
