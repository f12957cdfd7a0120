namespace Meurs.Web.Features.Library;

/// <summary>One playable file of the library.</summary>
/// <param name="Path">Path relative to the library folder with '/' separators, e.g. <c>music/Tones/a440-sine.ogg</c>; the key used in URLs.</param>
/// <param name="Title">A readable title made from the file name.</param>
/// <param name="Folder">The folder it sits in, relative to the library, e.g. <c>music/Tones</c>.</param>
/// <param name="Kind">Audio or video.</param>
/// <param name="ContentType">The MIME type it is served with.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Duration">Play time when the header tells it cheaply, else null.</param>
public sealed record MediaItem(string Path, string Title, string Folder, MediaKind Kind, string ContentType, long Size, TimeSpan? Duration)
{
    /// <summary>The streaming URL, each path segment escaped.</summary>
    public string Url => "/media/" + string.Join('/', Path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Element id for the item (stable across renders).</summary>
    public string ElementId => "media-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path)))[..12].ToLowerInvariant();
}
