using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Meurs.Tests.Web.Support;

/// <summary>Real images made on the spot with ImageSharp, for uploads that are decoded (server icons, attachments).</summary>
public static class TestImages
{
    /// <summary>A one-colour PNG of <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    public static byte[] Png(int width, int height)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(200, 30, 30));
        using var stream = new MemoryStream();
        image.Save(stream, new PngEncoder());
        return stream.ToArray();
    }

    /// <summary>A two-frame GIF of <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    public static byte[] AnimatedGif(int width, int height)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(0, 0, 255));
        using var second = new Image<Rgba32>(width, height, new Rgba32(0, 255, 0));
        image.Frames.AddFrame(second.Frames.RootFrame);
        using var stream = new MemoryStream();
        image.Save(stream, new GifEncoder());
        return stream.ToArray();
    }
}
