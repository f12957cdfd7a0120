namespace Meurs.Tests.Web.Listening;

/// <summary>One host of the app for a test class (its clock is only moved by the classes that own a host each).</summary>
public sealed class ListenFixture : IDisposable
{
    internal ListenScene Scene { get; } = new(new Dictionary<string, string?>
    {
        ["Listening:MaxQueueItems"] = "6",
        ["Listening:MaxPendingRequestsPerGuest"] = "3",
    });

    public void Dispose() => Scene.Dispose();
}
