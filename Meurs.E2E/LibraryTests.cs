using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

[Collection(BrowserGroup.Name)]
public sealed class LibraryTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task LibraryTrack_Plays_AndPlaybackAdvances()
    {
        await using var frank = await Person.OpenAsync(browser.Browser, server.BaseAddress, "frank");
        await frank.SignUpAsync();
        await frank.Page.GotoAsync("/");
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await frank.Page.SetViewportSizeAsync(390, 844);
            await frank.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, "library-phone.png") });
            await frank.Page.SetViewportSizeAsync(1280, 720);
        }

        // Filtering narrows the list live (htmx), then the track plays in the page.
        await frank.Page.GetByLabel("Filter the library").FillAsync("a440");
        var items = frank.Page.Locator(".media-item");
        await Expect(items).ToHaveCountAsync(1);
        var player = frank.Page.GetByLabel("Play a440 sine");
        await Expect(player).ToBeVisibleAsync();

        await player.EvaluateAsync("audio => audio.play()");
        await frank.Page.WaitForFunctionAsync("() => document.querySelector('audio').currentTime > 1");
        var position = await player.EvaluateAsync<double>("audio => audio.currentTime");
        Assert.True(position > 1, $"playback should advance, was at {position} s");
        Assert.False(await player.EvaluateAsync<bool>("audio => audio.paused"));
        Assert.Null(await player.EvaluateAsync<object?>("audio => audio.error && audio.error.message"));
        Assert.Empty(frank.ConsoleErrors);
    }
}
