using Meurs.Web;

namespace Meurs.Tests.Web.Hosting;

/// <summary>One MIME table for shared files and the library: ASP.NET Core's, with the IANA types where it differs.</summary>
public sealed class MediaTypesTests
{
    [Theory]
    [InlineData(".ogg", "audio/ogg")] // the framework's table says video/ogg
    [InlineData(".opus", "audio/ogg")] // missing from it
    [InlineData(".flac", "audio/flac")] // missing from it
    [InlineData(".zip", "application/zip")] // it says application/x-zip-compressed
    [InlineData(".mp3", "audio/mpeg")]
    [InlineData(".m4a", "audio/mp4")]
    [InlineData(".wav", "audio/wav")]
    [InlineData(".mp4", "video/mp4")]
    [InlineData(".webm", "video/webm")]
    [InlineData(".png", "image/png")]
    [InlineData(".jpeg", "image/jpeg")]
    [InlineData(".txt", "text/plain")]
    [InlineData("Song.FLAC", "audio/flac")]
    [InlineData("dir/clip.WebM", "video/webm")]
    public void For_KnownExtension_IsItsRegisteredType(string name, string type) => Assert.Equal(type, MediaTypes.For(name));

    [Theory]
    [InlineData("")]
    [InlineData("noextension")]
    [InlineData(".meurs-unknown")]
    [InlineData("a.")]
    public void For_UnknownOrMissingExtension_IsNull(string name) => Assert.Null(MediaTypes.For(name));
}
