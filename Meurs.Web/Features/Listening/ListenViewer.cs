namespace Meurs.Web.Features.Listening;

/// <summary>
/// Who a session page is rendered for, and what they may do there. Components take it to leave out the controls the
/// person may not use; a live push is rendered once for everyone (no viewer), with every control marked by
/// <c>data-needs</c> (<c>manage</c>, <c>playback</c>) so listen.js disables or hides what this page's person may not use.
/// The server checks every action again through the use cases; this is presentation only.
/// </summary>
/// <param name="UserId">The person.</param>
/// <param name="Role">Their role in the session.</param>
/// <param name="ControlsPlayback">True when they may play, pause, seek and skip (<see cref="ListenPowers.ControlsPlayback"/>).</param>
/// <param name="Manages">True when they decide requests, switches, roles and may end the session (<see cref="ListenPowers.Manages"/>).</param>
public sealed record ListenViewer(Guid UserId, ListenRole Role, bool ControlsPlayback, bool Manages)
{
    /// <summary>The viewer of <paramref name="session"/> with <paramref name="role"/>, their powers read from <see cref="ListenPowers"/>.</summary>
    public static ListenViewer Of(Guid userId, ListenRole role, ListenSession session) =>
        new(userId, role, ListenPowers.ControlsPlayback(role, session), ListenPowers.Manages(role));
}
