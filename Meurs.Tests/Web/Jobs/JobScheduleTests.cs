using Hangfire;
using Meurs.Web.Features.Jobs;

namespace Meurs.Tests.Web.Jobs;

public sealed class JobScheduleTests
{
    [Theory]
    [InlineData("*/5 * * * *", "*/5 * * * *")]
    [InlineData("17 * * * *", "17 * * * *")]
    [InlineData("0 */5 * * * ?", "*/5 * * * *")] // Quartz, seconds first: what earlier releases documented
    [InlineData("0 17 * * * ?", "17 * * * *")]
    [InlineData("0 0 3 ? * MON", "0 3 * * MON")]
    [InlineData("00:05:00", "*/5 * * * *")]
    [InlineData("00:01:00", "* * * * *")]
    [InlineData("01:00:00", "0 * * * *")]
    [InlineData("06:00:00", "0 */6 * * *")]
    [InlineData(" 1.00:00:00 ", "0 0 * * *")]
    public void ToCron_CronOrInterval_GivesFiveFields(string text, string cron) =>
        Assert.Equal(cron, JobSchedule.ToCron("SomeJob", text));

    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData("")]
    [InlineData(null)]
    public void ToCron_Off_NeverFires(string? text) =>
        Assert.Equal(Cron.Never(), JobSchedule.ToCron("SomeJob", text));

    [Theory]
    [InlineData("5")]
    [InlineData("every five minutes")]
    [InlineData("00:00:00")]
    [InlineData("-00:05:00")]
    [InlineData("00:07:00")] // cron cannot say "every 7 minutes" from the start
    [InlineData("2.00:00:00")]
    [InlineData("30 */5 * * * ?")] // Hangfire schedules to the minute
    [InlineData("0 0 0 1 1 ? 2099")] // Quartz's year field
    [InlineData("* * *")]
    public void ToCron_Unreadable_ThrowsNamingTheSetting(string text)
    {
        var ex = Assert.Throws<FormatException>(() => JobSchedule.ToCron("SomeJob", text));
        Assert.Contains("Jobs:Schedules:SomeJob", ex.Message, StringComparison.Ordinal);
    }
}
