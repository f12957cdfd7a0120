namespace Meurs.Web.Features.Presence;

/// <summary>Settings of the <c>Presence</c> section.</summary>
public sealed class PresenceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Presence";

    /// <summary>How long without input in any of a person's tabs before they show as idle (default 5 minutes, Discord's).</summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(5);
}
