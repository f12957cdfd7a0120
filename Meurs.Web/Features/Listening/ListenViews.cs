using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

// One view per event. Programs get the original player's envelopes {"type","payload"} (ListenJson); pages get the
// fragments of ListenFragments (the components the session page renders) and, for the playback state, the queue and
// the end, the same envelopes too, which listen.js reads for the player (and keeps from htmx).

/// <summary><c>playback_state</c>; pages get it too (for listen-player.js), then <c>#listen-now</c> replaced.</summary>
public sealed class PlaybackStateChangedView(ListenFragments fragments) : IEventView<PlaybackStateChanged>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(PlaybackStateChanged e) => [.. Json(e), await fragments.NowPlayingAsync(e)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(PlaybackStateChanged e) => [ListenJson.Envelope("playback_state", ListenJson.Playback(e))];
}

/// <summary><c>playlist_update</c>; pages get it too (the tracks' audio URLs), then <c>#listen-queue</c> replaced.</summary>
public sealed class PlaylistUpdatedView(ListenFragments fragments) : IEventView<PlaylistUpdated>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(PlaylistUpdated e) => [.. Json(e), await fragments.QueueAsync(e)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(PlaylistUpdated e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [ListenJson.Envelope("playlist_update", ListenJson.Playlist(e.Playlist))];
    }
}

/// <summary><c>request_update</c>; pages: appended to <c>#listen-requests</c> while pending, <c>#request-{id}</c> replaced once decided.</summary>
public sealed class RequestUpdatedView(ListenFragments fragments) : IEventView<RequestUpdated>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(RequestUpdated e) => [await fragments.RequestAsync(e)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(RequestUpdated e) => [ListenJson.Envelope("request_update", ListenJson.Request(e))];
}

/// <summary><c>listeners_update</c>; pages: <c>#listen-members</c> replaced.</summary>
public sealed class ListenersChangedView(ListenFragments fragments) : IEventView<ListenersChanged>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(ListenersChanged e) => [await fragments.MembersAsync(e)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(ListenersChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [ListenJson.Envelope("listeners_update", ListenJson.Listeners(e.Listeners))];
    }
}

/// <summary><c>settings_update</c>; pages: <c>#listen-settings</c> replaced.</summary>
public sealed class SessionSettingsChangedView(ListenFragments fragments) : IEventView<SessionSettingsChanged>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(SessionSettingsChanged e) => [await fragments.SettingsAsync(e)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(SessionSettingsChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [ListenJson.Envelope("settings_update", ListenJson.Settings(e.GuestsControlQueue, e.GuestsControlPlayback))];
    }
}

/// <summary><c>session_log</c>; pages: appended to <c>#listen-log</c>.</summary>
public sealed class SessionLoggedView(ListenFragments fragments) : IEventView<SessionLogged>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(SessionLogged e) => [await fragments.LoggedAsync(e)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(SessionLogged e) => [ListenJson.Envelope("session_log", ListenJson.Log(e))];
}

/// <summary><c>chat_message</c>; pages: appended to <c>#listen-messages</c>.</summary>
public sealed class SessionMessagePostedView(ListenFragments fragments) : IEventView<SessionMessagePosted>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(SessionMessagePosted e) => [await fragments.MessageAsync(e)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(SessionMessagePosted e) => [ListenJson.Envelope("chat_message", ListenJson.Message(e))];
}

/// <summary>
/// <c>session_ended</c> <c>{session_id, reason}</c>; pages: <c>#listen</c> replaced by the notice, then the same envelope,
/// which stops the player wherever the person is (the session's socket outlives its page). The socket is closed
/// normally after it.
/// </summary>
public sealed class SessionEndedView(ListenFragments fragments) : IEventView<SessionEnded>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(SessionEnded e) => [await fragments.EndedAsync(e), .. Json(e)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(SessionEnded e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [ListenJson.Envelope("session_ended", new { session_id = e.SessionId, reason = e.Reason })];
    }
}

/// <summary>On connect: <c>playback_state</c>, then <c>playlist_update</c>, then <c>listeners_update</c> and <c>settings_update</c>, through their own views.</summary>
public sealed class ListenConnectedView(IEventView<PlaybackStateChanged> playback, IEventView<PlaylistUpdated> playlist,
    IEventView<ListenersChanged> listeners, IEventView<SessionSettingsChanged> settings) : IEventView<ListenConnected>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(ListenConnected e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [.. await playback.HtmxAsync(e.Playback), .. await playlist.HtmxAsync(e.Playlist), .. await listeners.HtmxAsync(e.Listeners), .. await settings.HtmxAsync(e.Settings)];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Json(ListenConnected e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [.. playback.Json(e.Playback), .. playlist.Json(e.Playlist), .. listeners.Json(e.Listeners), .. settings.Json(e.Settings)];
    }
}
