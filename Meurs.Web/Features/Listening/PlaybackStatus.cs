namespace Meurs.Web.Features.Listening;

/// <summary>What a session's player is doing; on the wire <c>playing</c>, <c>paused</c> or <c>waiting</c>.</summary>
public enum PlaybackStatus
{
    /// <summary>Stopped at <see cref="PlaybackState.PositionMs"/>; pausing keeps the position.</summary>
    Paused,

    /// <summary>Advancing from <see cref="PlaybackState.PositionMs"/> at <see cref="PlaybackState.UpdatedAt"/>, one millisecond per millisecond.</summary>
    Playing,

    /// <summary>Play was asked for; it starts when every connected listener is ready, or after the ready timeout.</summary>
    Waiting,
}
