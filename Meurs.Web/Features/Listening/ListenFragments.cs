using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// What a session page receives over <c>/ws/listen/{id}</c> for each event (the htmx side of the Listen events' views),
/// rendered once per publish by the components the page renders, with no viewer: every control is marked with
/// <c>data-needs</c> and listen.js gates them by this page's role. Targets are stable ids: <c>#listen-now</c>,
/// <c>#listen-queue</c>, <c>#listen-requests</c> (a new request appended, a decided one replaced in place as
/// <c>#request-{id}</c>), <c>#listen-members</c>, <c>#listen-settings</c>, <c>#listen-log</c>, <c>#listen-messages</c>,
/// and <c>#listen</c> (replaced by the notice when the session ends). The playback state and the queue also reach
/// listen-player.js as the JSON envelopes of the views' JSON side, which listen.js reads and keeps from htmx.
/// Singleton.
/// </summary>
public sealed class ListenFragments(FragmentRenderer renderer)
{
    /// <summary>Now playing, replaced whole.</summary>
    public async Task<string> NowPlayingAsync(PlaybackStateChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return HtmxSwap.Message(await renderer.RenderAsync<NowPlaying>(new Dictionary<string, object?>
        {
            [nameof(NowPlaying.State)] = e.State,
            [nameof(NowPlaying.Track)] = e.Track,
        }), "#listen-now", "outerHTML");
    }

    /// <summary>The queue, replaced whole (the current item is marked again by listen.js from <c>#listen-now</c>).</summary>
    public async Task<string> QueueAsync(PlaylistUpdated e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return HtmxSwap.Message(await renderer.RenderAsync<QueueList>(new Dictionary<string, object?>
        {
            [nameof(QueueList.SessionId)] = e.SessionId,
            [nameof(QueueList.Items)] = e.Playlist,
        }), "#listen-queue", "outerHTML");
    }

    /// <summary>A request: appended to the panel while pending, replaced in place once decided.</summary>
    public async Task<string> RequestAsync(RequestUpdated e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var html = await renderer.RenderAsync<ListenRequestView>(new Dictionary<string, object?> { [nameof(ListenRequestView.Request)] = e });
        return e.Request.Status == ListenRequestStatus.Pending
            ? HtmxSwap.Message(html, "#listen-requests", "beforeend")
            : HtmxSwap.Message(html, $"#request-{e.Request.Id:N}", "outerHTML");
    }

    /// <summary>The member list, replaced whole.</summary>
    public async Task<string> MembersAsync(ListenersChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return HtmxSwap.Message(await renderer.RenderAsync<ListenMembers>(new Dictionary<string, object?>
        {
            [nameof(ListenMembers.SessionId)] = e.SessionId,
            [nameof(ListenMembers.Listeners)] = e.Listeners,
        }), "#listen-members", "outerHTML");
    }

    /// <summary>The guests' switches, replaced whole.</summary>
    public async Task<string> SettingsAsync(SessionSettingsChanged e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return HtmxSwap.Message(await renderer.RenderAsync<ListenSettings>(new Dictionary<string, object?>
        {
            [nameof(ListenSettings.SessionId)] = e.SessionId,
            [nameof(ListenSettings.GuestsControlQueue)] = e.GuestsControlQueue,
            [nameof(ListenSettings.GuestsControlPlayback)] = e.GuestsControlPlayback,
        }), "#listen-settings", "outerHTML");
    }

    /// <summary>A log line appended.</summary>
    public async Task<string> LoggedAsync(SessionLogged e) =>
        HtmxSwap.Message(await renderer.RenderAsync<ListenLogLine>(new Dictionary<string, object?> { [nameof(ListenLogLine.Line)] = e }), "#listen-log", "beforeend");

    /// <summary>A chat message appended.</summary>
    public async Task<string> MessageAsync(SessionMessagePosted e) =>
        HtmxSwap.Message(await renderer.RenderAsync<ListenMessageView>(new Dictionary<string, object?> { [nameof(ListenMessageView.Message)] = e }), "#listen-messages", "beforeend");

    /// <summary>The whole session replaced by the notice that it ended.</summary>
    public async Task<string> EndedAsync(SessionEnded e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return HtmxSwap.Message(await renderer.RenderAsync<ListenEndedNotice>(new Dictionary<string, object?> { [nameof(ListenEndedNotice.Reason)] = e.Reason }), "#listen", "outerHTML");
    }
}
