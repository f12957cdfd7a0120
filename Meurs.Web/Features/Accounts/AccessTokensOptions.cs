namespace Meurs.Web.Features.Accounts;

/// <summary>Personal access tokens, bound from the <c>AccessTokens</c> configuration section.</summary>
public sealed class AccessTokensOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "AccessTokens";

    /// <summary>
    /// How long a token lasts when no lifetime is asked for (default 30 days): tokens made by <c>POST /api/auth/login</c>,
    /// and the profile form's starting value. Must be between 1 and 365 days; the app refuses to start otherwise.
    /// </summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How many requests one token may make at once before it is slowed down (default 120); see
    /// <see cref="AccessTokenRateLimit"/>. At least 1.
    /// </summary>
    public int RequestBurst { get; set; } = 120;

    /// <summary>The steady rate one token may keep up, in requests a minute (default 600, i.e. 10 a second). At least 1.</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>True when <see cref="DefaultLifetime"/> is within the bounds every token lifetime obeys and the rate limits are usable.</summary>
    public bool IsValid() =>
        DefaultLifetime >= TimeSpan.FromDays(AccessToken.MinLifetimeDays) && DefaultLifetime <= TimeSpan.FromDays(AccessToken.MaxLifetimeDays)
        && RequestBurst >= 1 && RequestsPerMinute >= 1;
}
