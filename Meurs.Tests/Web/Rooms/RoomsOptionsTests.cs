using Meurs.Web.Features.Rooms;

namespace Meurs.Tests.Web.Rooms;

/// <summary>Limits and periods are said in units people can read: never "0 MiB", never "120 seconds".</summary>
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

    [Theory]
    [InlineData("00:02:00", "2 minutes")]
    [InlineData("00:01:00", "1 minute")]
    [InlineData("01:00:00", "1 hour")]
    [InlineData("00:01:30", "90 seconds")]
    [InlineData("00:00:01", "1 second")]
    public void OwnerAwayGraceText_SaysThePeriodInWholeUnits(string period, string expected) =>
        Assert.Equal(expected, new RoomsOptions { OwnerAwayGracePeriod = TimeSpan.Parse(period, System.Globalization.CultureInfo.InvariantCulture) }.OwnerAwayGraceText());
}
