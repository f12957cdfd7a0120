namespace Meurs.Web;

/// <summary>An uploaded image after <see cref="ImageUploads.Process"/>: re-encoded in its own format, ready to store.</summary>
/// <param name="Bytes">The encoded file.</param>
/// <param name="Extension">Its format's extension without the dot: <c>png</c>, <c>jpg</c>, <c>gif</c> or <c>webp</c>.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Frames">How many frames (more than 1 for an animation).</param>
public sealed record ProcessedImage(byte[] Bytes, string Extension, int Width, int Height, int Frames);
