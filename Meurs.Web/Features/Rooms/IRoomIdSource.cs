namespace Meurs.Web.Features.Rooms;

/// <summary>Where new room ids come from; a seam so tests can force collisions.</summary>
public interface IRoomIdSource
{
    /// <summary>A candidate id in the <see cref="RoomId"/> format; it may already be taken.</summary>
    string NewId();
}

/// <summary>Cryptographically random ids (<see cref="RoomId.New"/>).</summary>
internal sealed class RandomRoomIdSource : IRoomIdSource
{
    public string NewId() => RoomId.New();
}
