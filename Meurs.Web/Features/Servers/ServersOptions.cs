namespace Meurs.Web.Features.Servers;

/// <summary>Settings of community servers (section <c>Servers</c>).</summary>
public sealed class ServersOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Servers";

    /// <summary>Largest icon or banner upload, in bytes. Default 8 MiB.</summary>
    public long MaxImageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest width or height, in pixels, of an uploaded image before resizing (bounds the memory decoding takes). Default 8192.</summary>
    public int MaxImageSourcePixels { get; set; } = 8192;

    /// <summary>Servers one person may create in an hour. Default 10.</summary>
    public int CreationsPerHour { get; set; } = 10;
}
