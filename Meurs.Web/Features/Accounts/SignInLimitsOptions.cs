namespace Meurs.Web.Features.Accounts;

/// <summary>
/// How often one client address may try to log in or sign up (<see cref="SignInRateLimit"/>), bound from the
/// <c>SignInLimits</c> section (environment: <c>SignInLimits__LoginsPerMinute</c>). Each is a token bucket: a burst, then
/// a steady rate.
/// </summary>
public sealed class SignInLimitsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "SignInLimits";

    /// <summary>Login attempts (page and API together) one address may make at once (default 10). At least 1.</summary>
    public int LoginBurst { get; set; } = 10;

    /// <summary>Login attempts one address may keep making, per minute (default 10). At least 1.</summary>
    public int LoginsPerMinute { get; set; } = 10;

    /// <summary>Accounts one address may create at once (default 5). At least 1.</summary>
    public int SignUpBurst { get; set; } = 5;

    /// <summary>Accounts one address may keep creating, per hour (default 10). At least 1.</summary>
    public int SignUpsPerHour { get; set; } = 10;

    /// <summary>True when every limit is at least 1.</summary>
    public bool IsValid() => LoginBurst >= 1 && LoginsPerMinute >= 1 && SignUpBurst >= 1 && SignUpsPerHour >= 1;
}
