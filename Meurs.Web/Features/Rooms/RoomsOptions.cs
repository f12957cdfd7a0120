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

    /// <summary>
    /// How long the owner may be away (no connection to the room) before the room's history is cleared for everyone
    /// (default 2 minutes, counted from their last connection closing). Clicking another page and coming back inside
    /// this time keeps the history; leaving on purpose (the Leave button, or <c>{"type":"leave"}</c>) clears it at
    /// once. Measured on the app's <see cref="TimeProvider"/>.
    /// </summary>
    public TimeSpan OwnerAwayGracePeriod { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// <see cref="OwnerAwayGracePeriod"/> as the room pages say it, in the largest whole unit: "2 minutes", "1 hour",
    /// "90 seconds".
    /// </summary>
    public string OwnerAwayGraceText() => OwnerAwayGracePeriod switch
    {
        var t when t.TotalHours >= 1 && t.Ticks % TimeSpan.TicksPerHour == 0 => Plural((long)t.TotalHours, "hour"),
        var t when t.TotalMinutes >= 1 && t.Ticks % TimeSpan.TicksPerMinute == 0 => Plural((long)t.TotalMinutes, "minute"),
        var t => Plural((long)Math.Ceiling(t.TotalSeconds), "second"),
    };

    private static string Plural(long n, string unit) => FormattableString.Invariant($"{n} {unit}{(n == 1 ? "" : "s")}");

    /// <summary>Chat messages a person may send in a burst (default 10).</summary>
    public int ChatBurst { get; set; } = 10;

    /// <summary>Sustained chat messages per minute per person (default 60).</summary>
    public int ChatPerMinute { get; set; } = 60;

    /// <summary>Rooms a person may create per hour (default 20).</summary>
    public int CreationsPerHour { get; set; } = 20;

    /// <summary>Largest file that may be shared or relayed, in bytes (default 25 MiB).</summary>
    public long MaxSharedFileBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>
    /// The refusal people read for a file over <see cref="MaxSharedFileBytes"/>, in the largest whole unit that says it
    /// exactly enough ("Files are limited to 25 MiB.", "… 512 KiB.", "… 100 bytes.").
    /// </summary>
    public string FileTooLargeText() => MaxSharedFileBytes switch
    {
        >= 1024 * 1024 => FormattableString.Invariant($"Files are limited to {MaxSharedFileBytes / (1024.0 * 1024):0.#} MiB."),
        >= 1024 => FormattableString.Invariant($"Files are limited to {MaxSharedFileBytes / 1024.0:0.#} KiB."),
        _ => $"Files are limited to {MaxSharedFileBytes} bytes.",
    };

    /// <summary>
    /// Bytes of shared files one person may have stored at once, over all rooms (default 200 MiB). Files stop counting
    /// when they expire or their room is closed. An upload that would pass it is refused with 413 and nothing is kept.
    /// </summary>
    public long SharedFileQuotaBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Shared-file uploads one person may make in a burst (default 10); past it, 429 with Retry-After.</summary>
    public int SharedFileUploadBurst { get; set; } = 10;

    /// <summary>Shared-file uploads per minute one person may keep making after the burst (default 10).</summary>
    public int SharedFileUploadsPerMinute { get; set; } = 10;

    /// <summary>
    /// Direct-transfer bandwidth per sender, in bytes per second over all their sockets (default 4 MiB/s). A sender past
    /// it is slowed down (their socket is read more slowly), never disconnected.
    /// </summary>
    public long RelayBytesPerSecond { get; set; } = 4L * 1024 * 1024;

    /// <summary>Bytes a sender may relay at full speed before <see cref="RelayBytesPerSecond"/> applies (default 1 MiB).</summary>
    public long RelayBurstBytes { get; set; } = 1024L * 1024;

    /// <summary>
    /// <see cref="SharedFileQuotaBytes"/> as people read it ("200 MiB"), in the largest whole unit that says it.
    /// </summary>
    public string QuotaText() => Bytes(SharedFileQuotaBytes);

    /// <summary><paramref name="n"/> bytes as people read them: "25 MiB", "512 KiB", "100 bytes".</summary>
    public static string Bytes(long n) => n switch
    {
        >= 1024 * 1024 => FormattableString.Invariant($"{n / (1024.0 * 1024):0.#} MiB"),
        >= 1024 => FormattableString.Invariant($"{n / 1024.0:0.#} KiB"),
        _ => FormattableString.Invariant($"{n} bytes"),
    };

    /// <summary>How long a shared file stays downloadable before it is swept (default 24 h).</summary>
    public TimeSpan SharedFileLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Tries to find an unused id before creating a room fails (default 8).</summary>
    public int IdAttempts { get; set; } = 8;
}
