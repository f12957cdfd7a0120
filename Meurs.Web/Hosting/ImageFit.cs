namespace Meurs.Web;

/// <summary>How <see cref="ImageUploads.Process"/> brings an uploaded image to its box.</summary>
public enum ImageFit
{
    /// <summary>Shrunk to fit inside the box, keeping its proportions (never enlarged): server icons and banners.</summary>
    Within,

    /// <summary>Cropped to a centred square and shrunk to the box's width (never enlarged): avatars.</summary>
    Square,
}
