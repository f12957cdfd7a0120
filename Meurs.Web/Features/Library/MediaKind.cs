namespace Meurs.Web.Features.Library;

/// <summary>Whether a library file is played with an audio or a video element.</summary>
public enum MediaKind
{
    /// <summary>mp3, ogg, opus, m4a, flac, wav.</summary>
    Audio,

    /// <summary>mp4, webm.</summary>
    Video,
}
