namespace Meurs.Media.Routing;

/// <summary>
/// ActiveSpeakerUpdate is the state the <see cref="ActiveSpeakerDetector"/> reports when the set
/// of speaking Producers or the dominant speaker changes.
/// </summary>
/// <param name="Speaking">The ids of the Producers now speaking, in ordinal order.</param>
/// <param name="Dominant">The id of the dominant speaker: the loudest speaking Producer, kept
/// while it speaks unless another is clearly louder, and kept after everyone falls silent (so a
/// UI can go on showing the last speaker); null before anyone has spoken or once that Producer is
/// removed with nobody speaking.</param>
public sealed record ActiveSpeakerUpdate(IReadOnlyList<string> Speaking, string? Dominant);
