using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

// One view per event. Programs get the original player's envelopes {"type","payload"} (ListenJson); the pages' fragments
// (HtmxAsync) are the listen page's to fill in, so each view is small and on its own.

/// <summary><c>playback_state</c>.</summary>
public sealed class PlaybackStateChangedView : IEventView<PlaybackStateChanged>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(PlaybackStateChanged e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(PlaybackStateChanged e) => [ListenJson.Envelope("playback_state", ListenJson.Playback(e))];
}

/// <summary><c>playlist_update</c>.</summary>
public sealed class PlaylistUpdatedView : IEventView<PlaylistUpdated>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(PlaylistUpdated e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(PlaylistUpdated e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [ListenJson.Envelope("playlist_update", ListenJson.Playlist(e.Playlist))];
    }
}

/// <summary><c>request_update</c>.</summary>
public sealed class RequestUpdatedView : IEventView<RequestUpdated>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(RequestUpdated e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(RequestUpdated e) => [ListenJson.Envelope("request_update", ListenJson.Request(e))];
}

/// <summary><c>listeners_update</c>.</summary>
public sealed class ListenersChangedView : IEventView<ListenersChanged>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(ListenersChanged e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(ListenersChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [ListenJson.Envelope("listeners_update", ListenJson.Listeners(e.Listeners))];
    }
}

/// <summary><c>settings_update</c>.</summary>
public sealed class SessionSettingsChangedView : IEventView<SessionSettingsChanged>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(SessionSettingsChanged e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(SessionSettingsChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return [ListenJson.Envelope("settings_update", ListenJson.Settings(e.GuestsControlQueue, e.GuestsControlPlayback))];
    }
}

/// <summary><c>session_log</c>.</summary>
public sealed class SessionLoggedView : IEventView<SessionLogged>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(SessionLogged e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(SessionLogged e) => [ListenJson.Envelope("session_log", ListenJson.Log(e))];
}

/// <summary><c>chat_message</c>.</summary>
public sealed class SessionMessagePostedView : IEventView<SessionMessagePosted>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(SessionMessagePosted e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(SessionMessagePosted e) => [ListenJson.Envelope("chat_message", ListenJson.Message(e))];
}

/// <summary><c>session_ended</c> <c>{session_id, reason}</c>; the socket is closed normally after it.</summary>
public sealed class SessionEndedView : IEventView<SessionEnded>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(SessionEnded e) => Task.FromResult<IReadOnlyList<string>>([]);

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
