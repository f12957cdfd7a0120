using System.Text.Json;
using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Rooms;

/// <summary>The one view of <see cref="MessageCreated"/>: appended to <c>#messages</c>; the Comuni event envelope.</summary>
public sealed class MessageCreatedView(RoomFragments fragments) : IEventView<MessageCreated>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(MessageCreated e) => [await fragments.AppendedAsync(e.Message)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(MessageCreated e) => [RoomJson.Event(e.Message)];
}

/// <summary>The one view of <see cref="RoomHistoryShown"/>: the whole <c>#messages</c> list and <c>#members</c>; <c>{"type":"history"}</c> and <c>{"type":"members"}</c>.</summary>
public sealed class RoomHistoryShownView(RoomFragments fragments) : IEventView<RoomHistoryShown>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(RoomHistoryShown e) => [await fragments.ListAsync(e.Messages), await fragments.MembersAsync(e.Members)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(RoomHistoryShown e) => [RoomJson.History(e.Messages), RoomJson.Members(e.Members)];
}

/// <summary>The one view of <see cref="RoomResumed"/> (programs only): <c>{"type":"clear"}</c> when wiped, then <c>{"type":"resume"}</c> and <c>{"type":"members"}</c>.</summary>
public sealed class RoomResumedView : IEventView<RoomResumed>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(RoomResumed e) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public IReadOnlyList<string> Json(RoomResumed e) =>
        e.Cleared
            ? [RoomJson.Clear(), RoomJson.Resume(e.After, e.Missed), RoomJson.Members(e.Members)]
            : [RoomJson.Resume(e.After, e.Missed), RoomJson.Members(e.Members)];
}

/// <summary>The one view of <see cref="HistoryCleared"/>: the list with only the notice; <c>{"type":"clear"}</c> then the notice.</summary>
public sealed class HistoryClearedView(RoomFragments fragments) : IEventView<HistoryCleared>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(HistoryCleared e) => [await fragments.ListAsync([e.Notice])];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(HistoryCleared e) => [RoomJson.Clear(), RoomJson.Event(e.Notice)];
}

/// <summary>The one view of <see cref="MembersChanged"/>: <c>#members</c>; <c>{"type":"members","users"}</c>.</summary>
public sealed class MembersChangedView(RoomFragments fragments) : IEventView<MembersChanged>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(MembersChanged e) => [await fragments.MembersAsync(e.Members)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(MembersChanged e) => [RoomJson.Members(e.Members)];
}

/// <summary>The one view of <see cref="RoomRenamed"/>: <c>#room-heading</c> replaced; <c>{"type":"room.renamed","data":{"id","name"}}</c> for programs.</summary>
public sealed class RoomRenamedView(RoomFragments fragments) : IEventView<RoomRenamed>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(RoomRenamed e) => [await fragments.HeadingAsync(e.RoomId, e.Name)];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(RoomRenamed e) => [RoomJson.Renamed(e.RoomId, e.Name)];
}

/// <summary>The one view of <see cref="RoomClosed"/>: <c>#room</c> replaced by the notice; the Comuni system message.</summary>
public sealed class RoomClosedView(RoomFragments fragments) : IEventView<RoomClosed>
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> HtmxAsync(RoomClosed e) => [await fragments.ClosedAsync()];

    /// <inheritdoc />
    public IReadOnlyList<string> Json(RoomClosed e) => [RoomJson.Closed()];
}

/// <summary>The one view of <see cref="FileTransferStarted"/>: <c>{"type":"file-header",…}</c> on both protocols.</summary>
public sealed class FileTransferStartedView : IEventView<FileTransferStarted>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(FileTransferStarted e) => Task.FromResult(Json(e));

    /// <inheritdoc />
    public IReadOnlyList<string> Json(FileTransferStarted e) =>
    [
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = "file-header", ["transfer_id"] = e.RelayId, ["from"] = e.From,
            ["filename"] = e.FileName, ["size"] = e.Size, ["mime"] = e.Mime,
        }),
    ];
}

/// <summary>The one view of <see cref="FileTransferEnded"/>: <c>{"type":"file-complete"|"file-aborted","transfer_id"}</c> on both protocols.</summary>
public sealed class FileTransferEndedView : IEventView<FileTransferEnded>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(FileTransferEnded e) => Task.FromResult(Json(e));

    /// <inheritdoc />
    public IReadOnlyList<string> Json(FileTransferEnded e) =>
        [JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = e.Completed ? "file-complete" : "file-aborted", ["transfer_id"] = e.RelayId })];
}

/// <summary>
/// The one view of <see cref="FileTransferMissed"/>: <c>{"type":"file-aborted","transfer_id","reason":"too_slow"}</c> on
/// both protocols, so a client that knows only <c>file-aborted</c> still drops the transfer.
/// </summary>
public sealed class FileTransferMissedView : IEventView<FileTransferMissed>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<string>> HtmxAsync(FileTransferMissed e) => Task.FromResult(Json(e));

    /// <inheritdoc />
    public IReadOnlyList<string> Json(FileTransferMissed e) =>
        [JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "file-aborted", ["transfer_id"] = e.RelayId, ["reason"] = "too_slow" })];
}
