namespace Meurs.Web.Features.Library;

/// <summary>Where the media library lives. Bound from the <c>Library</c> section (environment: <c>Library__Path</c>).</summary>
public sealed class LibraryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Library";

    /// <summary>The library folder; relative paths are resolved against the content root. Default <c>media</c>.</summary>
    public string Path { get; set; } = "media";

    /// <summary>How long a scan of the folder is reused before the next request rescans it (default 10 s).</summary>
    public TimeSpan RescanAfter { get; set; } = TimeSpan.FromSeconds(10);
}
