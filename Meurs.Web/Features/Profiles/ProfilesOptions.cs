namespace Meurs.Web.Features.Profiles;

/// <summary>Settings of the Profiles feature, bound from the <c>Profiles</c> section.</summary>
public sealed class ProfilesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Profiles";

    /// <summary>The largest avatar upload, in bytes (Discord's: 8 MiB).</summary>
    public long MaxAvatarBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>An avatar's side once stored, in pixels (a square).</summary>
    public int AvatarSize { get; set; } = 256;

    /// <summary>The widest or tallest source image decoded, in pixels; larger ones are refused before decoding.</summary>
    public int MaxAvatarSourcePixels { get; set; } = 8192;

    /// <summary>True when every limit is positive.</summary>
    public bool IsValid() => MaxAvatarBytes > 0 && AvatarSize is > 0 and <= 1024 && MaxAvatarSourcePixels > 0;
}
