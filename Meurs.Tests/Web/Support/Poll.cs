namespace Meurs.Tests.Web.Support;

/// <summary>Waits for something the server does in the background. The patience only turns a hang into a failure; no test measures speed.</summary>
public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 20 ms until it holds; fails with <paramref name="what"/> after <see cref="TestSocket.Patience"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + TestSocket.Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"still waiting for {what} after {TestSocket.Patience.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
