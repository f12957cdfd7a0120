using Meurs.Web.Features.Jobs;

namespace Meurs.Tests.Web.Jobs;

public sealed class JobScheduleTests
{
    [Theory]
    [InlineData("0 */5 * * * ?")]
    [InlineData("0 17 * * * ?")]
    [InlineData("@hourly")]
    [InlineData("00:05:00")]
    [InlineData(" 1.00:00:00 ")]
    public void Parse_CronOrInterval_ReturnsSchedule(string text) =>
        Assert.NotNull(JobSchedule.Parse("SomeJob", text));

    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_Off_ReturnsNull(string? text) =>
        Assert.Null(JobSchedule.Parse("SomeJob", text));

    [Theory]
    [InlineData("5")]
    [InlineData("every five minutes")]
    [InlineData("00:00:00")]
    [InlineData("-00:05:00")]
    [InlineData("0 */5 * * *")]
    public void Parse_Unreadable_ThrowsNamingTheSetting(string text)
    {
        var ex = Assert.Throws<FormatException>(() => JobSchedule.Parse("SomeJob", text));
        Assert.Contains("Jobs:Schedules:SomeJob", ex.Message, StringComparison.Ordinal);
    }
}
