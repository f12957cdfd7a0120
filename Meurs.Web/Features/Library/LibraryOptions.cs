namespace Meurs.Web.Features.Library;

/// <summary>Where the media library lives. Bound from the <c>Library</c> section (environment: <c>Library__Path</c>).</summary>
public sealed class LibraryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Library";

    /// <summary>The library folder; relative paths are resolved against the content root. Default <c>media</c>.</summary>
    public string Path { get; set; } = "media";

    /// <summary>
    /// How old the index may be before a request starts a rescan in the background (default 10 s). A rescan lists the
    /// folder and opens only new or changed files; the request is answered from the index as it is.
    /// </summary>
    public TimeSpan RescanAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the server scans the library as soon as it starts (default true); tests that drive scans turn it off.</summary>
    public bool ScanOnStart { get; set; } = true;
}
