namespace Meurs.Web.Features.Calls;

/// <summary>
/// What one participant sends and receives, as everyone in the call sees it. Deafened implies muted (Discord's rule:
/// someone who cannot hear the call must not talk into it), so a state is always stored through <see cref="Normalized"/>.
/// </summary>
/// <param name="Muted">True when their microphone sends nothing.</param>
/// <param name="Deafened">True when they receive no audio.</param>
/// <param name="Camera">True when their camera is on.</param>
/// <param name="Screen">True when they share a screen (with its audio where the browser offers it).</param>
public readonly record struct CallMediaState(bool Muted, bool Deafened, bool Camera, bool Screen)
{
    /// <summary>The same state with deafened forcing muted.</summary>
    public CallMediaState Normalized() => this with { Muted = Muted || Deafened };
}
