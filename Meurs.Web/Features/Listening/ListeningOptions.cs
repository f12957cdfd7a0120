namespace Meurs.Web.Features.Listening;

/// <summary>Settings of listening sessions (section <c>Listening</c>).</summary>
public sealed class ListeningOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Listening";

    /// <summary>How long an open session with nobody connected lasts before the idle job ends it. Default 30 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long play waits for every connected listener to be ready before starting anyway. Default 3 s.</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The most items a queue may hold. Default 500.</summary>
    public int MaxQueueItems { get; set; } = 500;

    /// <summary>The most pending requests one guest may have in one session. Default 20.</summary>
    public int MaxPendingRequestsPerGuest { get; set; } = 20;
}
