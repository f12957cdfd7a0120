namespace Meurs.Web.Features.Rooms;

/// <summary>Why a room refused a client's message: a stable <paramref name="Code"/> for programs and a <paramref name="Detail"/> for people.</summary>
/// <param name="Code">One of <c>bad_json</c>, <c>bad_request</c>, <c>unknown_type</c>, <c>empty_message</c>, <c>message_too_long</c>, <c>recipient_offline</c>, <c>room_closed</c>, <c>rate_limited</c>, <c>server_error</c>.</param>
/// <param name="Detail">A sentence for the person who sent it.</param>
public sealed record RoomRefusal(string Code, string Detail);
