using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// Profiles in the browser: Alice sets a display name, about text and custom status and uploads an avatar on the
/// settings page (with its preview); in a server channel, Bob (on a phone) and Alice (on a desktop) click her name on
/// her message and see her profile card with the avatar and the about text; Escape and a click outside close it.
/// Screenshots go to MEURS_SCREENSHOTS when set.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ProfileTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task SettingsThenChannel_NameOpensTheProfileCardWithAvatarAndAbout()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob", phone: true);
        try
        {
            await alice.Page.SetViewportSizeAsync(1280, 800);
            await alice.SignUpAsync();
            await bob.SignUpAsync();

            // Alice edits her profile on the settings page.
            await alice.Page.GotoAsync("/profile");
            await alice.Page.GetByLabel("Display name").FillAsync("Alice Wonder");
            await alice.Page.GetByLabel("Custom status").FillAsync("Painting the town");
            await alice.Page.GetByLabel("About me").FillAsync("I paint murals.\nAsk me about colours.");
            await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
            await Expect(alice.Page.Locator("#profile-edit-status")).ToHaveTextAsync("Saved.");
            await Expect(alice.Page.GetByTestId("profile-display-name")).ToHaveTextAsync("Alice Wonder");

            // Then her avatar: the chosen file is previewed, and after the upload the page shows the stored one.
            await alice.Page.GetByLabel("Avatar").SetInputFilesAsync(new FilePayload { Name = "me.png", MimeType = "image/png", Buffer = TestPng.Create(400, 300) });
            await Expect(alice.Page.Locator("img.avatar-preview")).ToBeVisibleAsync();
            await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Upload avatar" }).ClickAsync();
            var summaryAvatar = alice.Page.Locator("#my-profile img.avatar");
            await Expect(summaryAvatar).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/avatars/[0-9a-f]{32}\\.png$"));
            await ExpectLoadedAsync(summaryAvatar);
            await ScreenshotAsync(alice, "profile-settings-desktop.png");

            // She writes in her server's channel; Bob joins and reads it on his phone.
            var (serverId, channelId) = await alice.CreateServerAsync("Muralists");
            await bob.JoinServerAsync(serverId);
            await alice.Page.GotoAsync($"/servers/{serverId}/channels/{channelId}");
            await alice.MessageBox.FillAsync("Who wants to help with the wall on Saturday?");
            await alice.MessageBox.PressAsync("Enter");
            await bob.Page.GotoAsync($"/servers/{serverId}/channels/{channelId}");
            var message = bob.Page.Locator("#channel-messages article.message").Filter(new() { HasText = "Who wants to help with the wall" });
            await Expect(message).ToBeVisibleAsync();

            // Bob opens her card from her name.
            var name = message.GetByRole(AriaRole.Button, new() { Name = "Alice Wonder" });
            await name.ClickAsync();
            var card = bob.Page.Locator("#profile-card");
            await Expect(card).ToBeVisibleAsync();
            await Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Alice Wonder" })).ToBeVisibleAsync();
            await Expect(card).ToContainTextAsync("alice");
            await Expect(card).ToContainTextAsync("Painting the town");
            await Expect(card.Locator(".about-text")).ToHaveTextAsync("I paint murals.\nAsk me about colours.");
            await Expect(card).ToContainTextAsync("Member since");
            await ExpectLoadedAsync(card.Locator("img.avatar"));
            await ScreenshotAsync(bob, "profile-card-phone.png");
            await bob.Page.Keyboard.PressAsync("Escape");
            await Expect(card).ToBeHiddenAsync();

            // Keyboard: focus the name and press Enter; the card opens again.
            await name.FocusAsync();
            await bob.Page.Keyboard.PressAsync("Enter");
            await Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Alice Wonder" })).ToBeVisibleAsync();
            await bob.Page.Keyboard.PressAsync("Escape");
            await Expect(card).ToBeHiddenAsync();

            // Alice on the desktop: her own name opens her card; a click outside closes it.
            var own = alice.Page.Locator("#channel-messages article.message").Filter(new() { HasText = "Who wants to help with the wall" });
            var ownName = own.GetByRole(AriaRole.Button, new() { Name = "Alice Wonder" });
            await ownName.ClickAsync();
            var aliceCard = alice.Page.Locator("#profile-card");
            await Expect(aliceCard.GetByRole(AriaRole.Heading, new() { Name = "Alice Wonder" })).ToBeVisibleAsync();
            await ExpectLoadedAsync(aliceCard.Locator("img.avatar"));
            // On a desktop the card opens next to the name, just below or above it, not in the middle of the page.
            var nameBox = (await ownName.BoundingBoxAsync())!;
            var cardBox = (await aliceCard.BoundingBoxAsync())!;
            var gap = Math.Min(Math.Abs(cardBox.Y - (nameBox.Y + nameBox.Height)), Math.Abs(nameBox.Y - (cardBox.Y + cardBox.Height)));
            Assert.True(gap < 24, $"the card ({cardBox.X:0},{cardBox.Y:0} {cardBox.Width:0}x{cardBox.Height:0}) should touch the name ({nameBox.X:0},{nameBox.Y:0} {nameBox.Width:0}x{nameBox.Height:0})");
            Assert.True(cardBox.X < nameBox.X + nameBox.Width && cardBox.X + cardBox.Width > nameBox.X, "the card should be over the name's column");
            await ScreenshotAsync(alice, "profile-card-desktop.png");
            await alice.Page.Mouse.ClickAsync(5, 790);
            await Expect(aliceCard).ToBeHiddenAsync();
            await ScreenshotAsync(bob, "profile-channel-phone.png");

            // Alice renames herself from a program: Bob's open channel shows the new name on her message at once.
            var token = await alice.ApiTokenAsync();
            var renamed = await alice.Page.APIRequest.PatchAsync("/api/users/me", new()
            {
                Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
                DataObject = new { display_name = "Alice Painter" },
            });
            Assert.True(renamed.Ok, $"rename: {renamed.Status}");
            await Expect(message.GetByRole(AriaRole.Button, new() { Name = "Alice Painter" })).ToBeVisibleAsync();
            await Expect(bob.Page.Locator("#member-list")).ToContainTextAsync("Alice Painter");

            Assert.Empty(alice.ConsoleErrors);
            Assert.Empty(bob.ConsoleErrors);
        }
        catch
        {
            await ScreenshotAsync(alice, "failed-profile-alice.png");
            await ScreenshotAsync(bob, "failed-profile-bob.png");
            throw;
        }
    }

    // An <img> that really decoded (naturalWidth > 0), not a broken-image icon.
    private static async Task ExpectLoadedAsync(ILocator image)
    {
        await Expect(image).ToBeVisibleAsync();
        await image.Page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await image.ElementHandleAsync());
    }

    private static async Task ScreenshotAsync(Person person, string file)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await person.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, file) });
        }
    }
}
