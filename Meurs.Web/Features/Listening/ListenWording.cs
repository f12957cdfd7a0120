using System.Globalization;

namespace Meurs.Web.Features.Listening;

/// <summary>How the session pages write durations, roles, sync states and requests for people.</summary>
public static class ListenWording
{
    /// <summary><c>m:ss</c> (or <c>h:mm:ss</c>) of <paramref name="ms"/> milliseconds rounded to the second; empty when unknown.</summary>
    public static string Duration(long? ms)
    {
        if (ms is not { } value || value < 0) return "";
        var d = TimeSpan.FromSeconds(Math.Round(value / 1000.0));
        return d.TotalHours >= 1
            ? d.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : d.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>"Host", "Co-host" or "Guest".</summary>
    public static string Role(ListenRole role) => role switch
    {
        ListenRole.Host => "Host",
        ListenRole.CoHost => "Co-host",
        _ => "Guest",
    };

    /// <summary>The wire word of <paramref name="role"/>: <c>host</c>, <c>cohost</c>, <c>guest</c>.</summary>
    public static string RoleWord(ListenRole role) => role switch
    {
        ListenRole.Host => "host",
        ListenRole.CoHost => "cohost",
        _ => "guest",
    };

    /// <summary>A listener's sync state as people read it: in sync, correcting, buffering, ready, or not playing.</summary>
    public static string Sync(string? state, bool connected) => !connected ? "away" : state switch
    {
        "in_sync" => "in sync",
        "correcting" => "correcting",
        "buffering" => "buffering",
        "ready" => "ready",
        _ => "not playing",
    };

    /// <summary>What a request asks, for people: "add X", "remove X", "move X to place 3".</summary>
    public static string Request(ListenRequest request, string? title)
    {
        ArgumentNullException.ThrowIfNull(request);
        var what = string.IsNullOrEmpty(title) ? "a track" : $"“{title}”";
        return request.Kind switch
        {
            ListenRequestKind.Add => $"add {what}",
            ListenRequestKind.Remove => $"remove {what}",
            _ => $"move {what} to place {(request.NewPosition ?? 0) + 1}",
        };
    }

    /// <summary>The wire word of a playback status: <c>playing</c>, <c>paused</c>, <c>waiting</c>.</summary>
    public static string Status(PlaybackStatus status) => status switch
    {
        PlaybackStatus.Playing => "playing",
        PlaybackStatus.Waiting => "waiting",
        _ => "paused",
    };
}
