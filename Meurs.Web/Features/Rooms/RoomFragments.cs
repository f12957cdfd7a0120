using Meurs.Web.Realtime;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// The swaps a room page receives over its socket, rendered by the same components the page renders, addressed by
/// stable ids: <c>#messages</c>, <c>#members</c>, <c>#composer</c>, <c>#room</c>.
/// </summary>
public sealed class RoomFragments(FragmentRenderer renderer)
{
    /// <summary>The room's heading with its new name.</summary>
    public async Task<string> HeadingAsync(string roomId, string name) =>
        HtmxSwap.Message(await renderer.RenderAsync<RoomHeading>(new Dictionary<string, object?> { [nameof(RoomHeading.RoomId)] = roomId, [nameof(RoomHeading.Name)] = name }), "#room-heading", "outerHTML");

    /// <summary>One new event appended to the list.</summary>
    public async Task<string> AppendedAsync(RoomMessage message) =>
        HtmxSwap.Message(await renderer.RenderAsync<RoomMessageView>(new Dictionary<string, object?> { [nameof(RoomMessageView.Message)] = message }), "#messages", "beforeend");

    /// <summary>The whole list, replacing what the page shows (on connect, reconnect and when history is cleared).</summary>
    public async Task<string> ListAsync(IReadOnlyList<RoomMessage> messages) =>
        HtmxSwap.Message(await renderer.RenderAsync<RoomMessageList>(new Dictionary<string, object?> { [nameof(RoomMessageList.Messages)] = messages }), "#messages", "outerHTML");

    /// <summary>Who is in the room.</summary>
    public async Task<string> MembersAsync(IReadOnlyList<RoomMember> members) =>
        HtmxSwap.Message(await renderer.RenderAsync<RoomMemberList>(new Dictionary<string, object?> { [nameof(RoomMemberList.Members)] = members }), "#members", "outerHTML");

    /// <summary>The message form, empty after a send or keeping the text with an error.</summary>
    public async Task<string> ComposerAsync(string text, string? error) =>
        HtmxSwap.Message(await renderer.RenderAsync<RoomComposer>(new Dictionary<string, object?>
        {
            [nameof(RoomComposer.Text)] = text,
            [nameof(RoomComposer.Error)] = error,
            [nameof(RoomComposer.Focus)] = true,
        }), "#composer", "outerHTML");

    /// <summary>Replaces the whole room with the notice that its owner closed it.</summary>
    public async Task<string> ClosedAsync() =>
        HtmxSwap.Message(await renderer.RenderAsync<RoomClosedNotice>(new Dictionary<string, object?>()), "#room", "outerHTML");
}
