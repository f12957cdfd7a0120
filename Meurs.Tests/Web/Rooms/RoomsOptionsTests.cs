using Meurs.Web.Features.Rooms;

namespace Meurs.Tests.Web.Rooms;

/// <summary>The file-size refusal names the limit in a unit people can read, never "0 MiB".</summary>
public sealed class RoomsOptionsTests
{
    [Theory]
    [InlineData(25L * 1024 * 1024, "Files are limited to 25 MiB.")]
    [InlineData(1536L * 1024, "Files are limited to 1.5 MiB.")]
    [InlineData(512L * 1024, "Files are limited to 512 KiB.")]
    [InlineData(1024L, "Files are limited to 1 KiB.")]
    [InlineData(100L, "Files are limited to 100 bytes.")]
    public void FileTooLargeText_NamesTheLimit(long bytes, string expected) =>
        Assert.Equal(expected, new RoomsOptions { MaxSharedFileBytes = bytes }.FileTooLargeText());
}
