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

    /// <summary>Icon and banner uploads one person may make at once before the hourly rate applies. Default 10.</summary>
    public int ImageUploadBurst { get; set; } = 10;

    /// <summary>Icon and banner uploads one person may make in an hour, after the burst. Default 30.</summary>
    public int ImageUploadsPerHour { get; set; } = 30;
}
