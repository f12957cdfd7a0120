namespace Meurs.Media.Routing;

/// <summary>
/// ActiveSpeakerOptions tunes the <see cref="ActiveSpeakerDetector"/>. Levels are RFC 6464 audio
/// levels in −dBov, 0 (loudest) to 127 (silence): a lower number is louder.
/// </summary>
public sealed record ActiveSpeakerOptions
{
    /// <summary>
    /// Window is how far back the levels of one Producer are averaged: 300 ms by default, long
    /// enough to smooth over the gaps between syllables, short enough to follow a conversation.
    /// </summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// SpeakingLevel is the averaged level at or below which (that loud or louder) a silent
    /// Producer starts to count as speaking: 50 −dBov by default.
    /// </summary>
    public int SpeakingLevel { get; init; } = 50;

    /// <summary>
    /// SilentLevel is the averaged level above which (quieter than) a speaking Producer starts to
    /// count as silent: 60 −dBov by default. Being 10 dB quieter than <see cref="SpeakingLevel"/>
    /// is the hysteresis that keeps a voice near the threshold from flapping.
    /// </summary>
    public int SilentLevel { get; init; } = 60;

    /// <summary>
    /// MinSpeakingDuration is how long the level must stay at or below
    /// <see cref="SpeakingLevel"/> before the Producer is declared speaking: 200 ms by default,
    /// so a cough or a door does not count.
    /// </summary>
    public TimeSpan MinSpeakingDuration { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// MinSilentDuration is how long the level must stay above <see cref="SilentLevel"/> before
    /// a speaking Producer is declared silent: 500 ms by default, so pauses between words and
    /// sentences do not end the turn.
    /// </summary>
    public TimeSpan MinSilentDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// DominantMargin is how many dB louder than the dominant speaker another speaking Producer
    /// must be to take over while the dominant one is still speaking: 6 dB by default.
    /// </summary>
    public int DominantMargin { get; init; } = 6;

    /// <summary>
    /// MaxSamples bounds the levels kept per Producer whatever the packet rate (a hostile sender
    /// could otherwise grow the window without limit): 256 by default, over 5 s of 20 ms packets.
    /// </summary>
    public int MaxSamples { get; init; } = 256;
}
