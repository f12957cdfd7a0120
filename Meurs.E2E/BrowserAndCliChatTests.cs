using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>A person in Chromium and a person at <c>meurs connect</c> share one room.</summary>
[Collection(BrowserGroup.Name)]
public sealed class BrowserAndCliChatTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task BrowserUserAndCliUser_ChatBothWays_SeeEachOtherJoinAndLeave()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await alice.SignUpAsync();
        var roomId = (await alice.CreateRoomAsync())["/rooms/".Length..];
        var token = await RegisterApiUserAsync("dave");

        await using var dave = Terminal.Start(server.AppPath, "connect", "--room", roomId, "--server", server.BaseAddress.ToString(), "--token", token);

        await dave.WaitForLineAsync(l => l.StartsWith($"* Joined room {roomId} on ", StringComparison.Ordinal), "the join line");
        await Expect(alice.Messages).ToContainTextAsync("dave joined");
        await Expect(alice.Members).ToContainTextAsync("dave");

        await dave.TypeAsync("Hello from the terminal <b>really</b>");
        await Expect(alice.Messages).ToContainTextAsync("Hello from the terminal <b>really</b>");

        await alice.SayAsync("Hi Dave, I see you from Chromium.");
        await dave.WaitForLineAsync(l => l.EndsWith("] alice: Hi Dave, I see you from Chromium.", StringComparison.Ordinal), "Alice's message");

        await dave.TypeAsync("/who");
        var who = await dave.WaitForLineAsync(l => l.StartsWith("* Connected: ", StringComparison.Ordinal), "the /who answer");
        Assert.Contains("alice", who, StringComparison.Ordinal);
        Assert.Contains("dave", who, StringComparison.Ordinal);

        await dave.TypeAsync("/quit");
        Assert.Equal(0, await dave.WaitForExitAsync());
        await Expect(alice.Messages).ToContainTextAsync("dave left", new() { Timeout = 20_000 });
        await Expect(alice.Members).Not.ToContainTextAsync("dave");
        Assert.Empty(alice.ConsoleErrors);
    }

    private async Task<string> RegisterApiUserAsync(string username)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var credentials = new { username, password = Person.Password };
        (await http.PostAsJsonAsync("/api/auth/register", credentials)).EnsureSuccessStatusCode();
        var login = await http.PostAsJsonAsync("/api/auth/login", credentials);
        login.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}
