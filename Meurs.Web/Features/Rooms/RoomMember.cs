namespace Meurs.Web.Features.Rooms;

/// <summary>Someone present in a room, as the member list shows them.</summary>
/// <param name="UserId">The user's id (element id <c>member-{id}</c>).</param>
/// <param name="UserName">The user's name.</param>
/// <param name="IsOwner">True for the room's owner.</param>
public sealed record RoomMember(Guid UserId, string UserName, bool IsOwner);
