namespace Meurs.Web.Data;

/// <summary>
/// Where Meurs keeps what it writes: the SQLite database, Data Protection keys and (later) uploads.
/// Bound from the <c>Data</c> configuration section (environment: <c>Data__Path</c>, <c>Data__ConnectionString</c>).
/// </summary>
public sealed class DataOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Data";

    /// <summary>Folder for everything Meurs writes; relative paths are resolved against the content root. Default <c>data</c>.</summary>
    public string Path { get; set; } = "data";

    /// <summary>
    /// SQLite connection string. Empty (the default) means <c>Data Source={Path}/meurs.db</c>.
    /// Tests set <c>Data Source=:memory:</c>-style strings through their own connection instead.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The absolute data folder for a given content root.</summary>
    public string ResolvePath(string contentRoot) => System.IO.Path.GetFullPath(Path, contentRoot);
}
