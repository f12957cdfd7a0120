namespace Meurs.E2E.Xss;

/// <summary>
/// One Meurs server for the whole XSS corpus run. The per-person allowances (chat burst and rate, room creation) are
/// raised so the corpus can be sent quickly: the limits are tested elsewhere, and here they would only slow the run.
/// Any new per-user or per-address limit that the corpus trips goes here too.
/// </summary>
public sealed class XssServerFixture : IAsyncLifetime
{
    public MeursServer Server { get; } = new();

    public async Task InitializeAsync()
    {
        Server.Environment["Rooms__ChatBurst"] = "100000";
        Server.Environment["Rooms__ChatPerMinute"] = "6000000";
        Server.Environment["Rooms__CreationsPerHour"] = "1000";
        Server.Environment["Rooms__HistoryLength"] = "1000";
        // The file-name sink shares hundreds of small files from one person, past the per-person upload rate.
        Server.Environment["Rooms__SharedFileUploadBurst"] = "100000";
        Server.Environment["Rooms__SharedFileUploadsPerMinute"] = "100000";
        await Server.StartAsync();
    }

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}
