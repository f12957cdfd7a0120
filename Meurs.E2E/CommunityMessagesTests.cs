using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// A server's text channel in two browsers: a reply (its quote jumps to the original), reactions counted live and an
/// image attachment that really loads, all through the page's own controls; and the history paging in while the
/// reader scrolls up without losing their place. Screenshots go to MEURS_SCREENSHOTS when set.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class CommunityMessagesTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string[] Chatter =
    [
        "Did anyone try the new build yet?", "Yes, it starts much faster here.", "The sidebar feels snappier too.",
        "I still get a warning on the settings page.", "Which one? The colour picker?", "No, the invite expiry field.",
        "Ah, that is a known one, a fix is coming.", "Great, thanks!", "Shall we pair on the voice channel later?",
        "Sure, after lunch.", "I will bring the profiling traces.", "Perfect.", "Who is doing the release notes?",
        "I can take them this time.", "Remember the migration note.", "Noted.", "The tests are green again.",
        "Nice work everyone.", "Coffee first though.", "Always.",
    ];

    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task ReplyReactionAndImage_ArriveLiveInTheOtherBrowser()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob");
        try
        {
            await alice.Page.SetViewportSizeAsync(1280, 800);
            await bob.Page.SetViewportSizeAsync(1280, 800);
            await alice.SignUpAsync();
            await bob.SignUpAsync();
            var (serverId, channelId) = await alice.CreateServerAsync("Night Owls");
            await bob.JoinServerAsync(serverId);

            // Both pages are open (their channel sockets have delivered the history) before anything is said.
            await OpenChannelAsync(alice, serverId, channelId);
            await OpenChannelAsync(bob, serverId, channelId);

            // Alice asks something; then the conversation moves on (through the API, as a program would) until her
            // question has scrolled out of view.
            await alice.MessageBox.FillAsync("Where shall we meet on Friday?");
            await alice.MessageBox.PressAsync("Enter");
            var question = Message(bob, "Where shall we meet on Friday?");
            await Expect(question).ToBeVisibleAsync();
            using (var aliceApi = await ApiAsync(alice))
            using (var bobApi = await ApiAsync(bob))
            {
                for (var i = 0; i < Chatter.Length; i++)
                {
                    await SendAsync(i % 2 == 0 ? bobApi : aliceApi, channelId, Chatter[i]);
                }
            }
            await Expect(Message(alice, Chatter[^1])).ToBeInViewportAsync();
            await Expect(Message(bob, Chatter[^1])).ToBeInViewportAsync();

            // Bob replies to the question with the message's Reply action and the composer.
            await question.Locator("summary[aria-label='Message actions']").ClickAsync();
            await question.GetByRole(AriaRole.Button, new() { Name = "Reply", Exact = true }).ClickAsync();
            await Expect(bob.Page.Locator("#channel-composer [data-replying]")).ToContainTextAsync("Replying to alice");
            await bob.MessageBox.FillAsync("At the old library, 7 pm?");
            await bob.MessageBox.PressAsync("Enter");
            await Expect(bob.MessageBox).ToHaveValueAsync("");

            // Alice sees the reply arrive, quoting her question; the quote takes her to it.
            var reply = Message(alice, "At the old library, 7 pm?");
            await Expect(reply).ToBeInViewportAsync();
            var quote = reply.Locator(".reply-quote");
            await Expect(quote).ToContainTextAsync("alice");
            await Expect(quote).ToContainTextAsync("Where shall we meet on Friday?");
            var original = Message(alice, "Where shall we meet on Friday?");
            await Expect(original).Not.ToBeInViewportAsync();
            await quote.ClickAsync();
            await Expect(original).ToBeInViewportAsync();
            await Expect(original).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bjumped\\b"));

            // Alice attaches a picture of the place with the file input: Bob sees it inline, decoded, linking to the full size.
            var png = TestPng.Create(480, 300);
            await alice.Page.GetByLabel("Attach files").SetInputFilesAsync(new FilePayload { Name = "library.png", MimeType = "image/png", Buffer = png });
            await alice.Page.GetByLabel("Caption").FillAsync("This is the entrance");
            await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send files" }).ClickAsync();
            var picture = Message(bob, "This is the entrance");
            var image = picture.Locator(".attachments img[alt='library.png']");
            await Expect(image).ToBeInViewportAsync();
            await bob.Page.WaitForFunctionAsync("img => img.complete && img.naturalWidth === 480 && img.naturalHeight === 300", await image.ElementHandleAsync());
            var fullSize = picture.GetByRole(AriaRole.Link, new() { Name = "library.png" });
            var href = await fullSize.GetAttributeAsync("href");
            Assert.Equal(await image.GetAttributeAsync("src"), href);
            var download = await bob.Page.APIRequest.GetAsync(href!);
            Assert.Equal(200, download.Status);
            Assert.Equal(png, await download.BodyAsync());
            var alicePicture = Message(alice, "This is the entrance");
            await Expect(alicePicture.Locator(".attachments img")).ToBeVisibleAsync();

            // Bob reacts to the picture from its actions menu; Alice sees one 👍 and adds hers with the chip: two, for both.
            await picture.Locator("summary[aria-label='Message actions']").ClickAsync();
            await picture.GetByRole(AriaRole.Button, new() { Name = "React with 👍" }).ClickAsync();
            var aliceChip = alicePicture.Locator(".reactions .reaction-chip", new() { HasText = "👍" });
            await Expect(aliceChip.Locator(".count")).ToHaveTextAsync("1");
            await Expect(aliceChip).ToHaveAttributeAsync("aria-pressed", "false"); // not hers yet
            await aliceChip.ClickAsync();
            await Expect(alicePicture.Locator(".reactions .reaction-chip", new() { HasText = "👍" }).Locator(".count")).ToHaveTextAsync("2");
            var bobChip = picture.Locator(".reactions .reaction-chip", new() { HasText = "👍" });
            await Expect(bobChip.Locator(".count")).ToHaveTextAsync("2");
            await Expect(bobChip).ToHaveAttributeAsync("title", "bob, alice");
            await Expect(bobChip).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(alicePicture.Locator(".reactions .reaction-chip", new() { HasText = "👍" })).ToHaveAttributeAsync("aria-pressed", "true");

            // The channel as it looks now: a reply, a reaction and a picture, on a desktop and on a phone (once
            // "alice is typing…" has gone).
            await Expect(picture).ToBeInViewportAsync();
            await Expect(bob.Page.Locator("#channel-typing")).ToBeEmptyAsync(new() { Timeout = 20_000 });
            await bob.Page.Mouse.MoveAsync(0, 0);
            await Shot(bob, "community-channel.png");
            await bob.Page.SetViewportSizeAsync(390, 844);
            await picture.ScrollIntoViewIfNeededAsync();
            await Shot(bob, "community-phone.png");

            Assert.Empty(alice.ConsoleErrors);
            Assert.Empty(bob.ConsoleErrors);
        }
        catch
        {
            await DebugAsync(alice, bob);
            throw;
        }
    }

    [Fact]
    public async Task ScrollingUp_LoadsOlderMessages_AndKeepsTheReadersPlace()
    {
        await using var carol = await Person.OpenAsync(browser.Browser, server.BaseAddress, "carol");
        try
        {
            await carol.Page.SetViewportSizeAsync(1280, 800);
            await carol.SignUpAsync();
            var (serverId, channelId) = await carol.CreateServerAsync("Archive");
            using (var api = await ApiAsync(carol))
            {
                for (var i = 1; i <= 120; i++)
                {
                    await SendAsync(api, channelId, $"Note number {i:000}");
                }
            }

            // The newest 50 on open, the newest at the bottom and in view.
            await OpenChannelAsync(carol, serverId, channelId);
            var messages = carol.Page.Locator("#channel-messages article.message");
            await Expect(messages).ToHaveCountAsync(50);
            await Expect(Message(carol, "Note number 120")).ToBeInViewportAsync();
            await Expect(Message(carol, "Note number 071")).ToHaveCountAsync(1);
            await Expect(Message(carol, "Note number 070")).ToHaveCountAsync(0);

            // Scrolled to the top: the page before arrives above, and the message that was first stays where it was.
            var list = carol.Page.Locator("#channel-messages");
            await list.EvaluateAsync("l => { l.scrollTop = 0; }");
            await Expect(messages).ToHaveCountAsync(100);
            await Expect(Message(carol, "Note number 021")).ToHaveCountAsync(1);
            await Expect(Message(carol, "Note number 071")).ToBeInViewportAsync();
            await Expect(Message(carol, "Note number 021")).Not.ToBeInViewportAsync();
            await Expect(messages.First).ToContainTextAsync("Note number 021");

            // Again to the top: the last 20, the very first message, and nothing more to load.
            await list.EvaluateAsync("l => { l.scrollTop = 0; }");
            await Expect(messages).ToHaveCountAsync(120);
            await Expect(Message(carol, "Note number 021")).ToBeInViewportAsync();
            await Message(carol, "Note number 001").ScrollIntoViewIfNeededAsync();
            await Expect(Message(carol, "Note number 001")).ToBeInViewportAsync();
            await Expect(carol.Page.Locator("#channel-messages .load-older")).ToHaveCountAsync(0);
            var texts = await messages.Locator(".message-body").AllInnerTextsAsync();
            Assert.Equal(Enumerable.Range(1, 120).Select(i => $"Note number {i:000}"), texts.Select(t => t.Trim()));
            Assert.Empty(carol.ConsoleErrors);
        }
        catch
        {
            await DebugAsync(carol);
            throw;
        }
    }

    // Opens the channel and waits for its socket's history (the list it sends on connect replaces the page's).
    private static async Task OpenChannelAsync(Person person, string serverId, string channelId)
    {
        var history = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSocket(object? sender, IWebSocket socket)
        {
            if (socket.Url.Contains("/ws/channels/" + channelId, StringComparison.Ordinal))
            {
                socket.FrameReceived += (_, frame) =>
                {
                    // A JSON frame {"content": "<div id=\"channel-messages\" …>", …}, its quotes escaped as \u0022.
                    if (frame.Text?.Contains("id=\\u0022channel-messages\\u0022", StringComparison.Ordinal) == true)
                    {
                        history.TrySetResult();
                    }
                };
            }
        }
        person.Page.WebSocket += OnSocket;
        try
        {
            await person.Page.GotoAsync($"/servers/{serverId}/channels/{channelId}");
            await history.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            person.Page.WebSocket -= OnSocket;
        }
    }

    private static ILocator Message(Person person, string text) =>
        person.Page.Locator("#channel-messages article.message")
            .Filter(new() { Has = person.Page.Locator(".message-body", new() { HasText = text }) });

    private async Task<HttpClient> ApiAsync(Person person)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await person.ApiTokenAsync());
        return client;
    }

    private static async Task SendAsync(HttpClient api, string channelId, string content)
    {
        using var response = await api.PostAsJsonAsync($"/api/channels/{channelId}/messages", new { content });
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task DebugAsync(params Person[] people)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }
        foreach (var person in people)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"failed-messages-{person.Name}.txt"),
                string.Join('\n', person.ConsoleErrors) + "\n---\n" + await person.Page.ContentAsync());
            await person.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"failed-messages-{person.Name}.png") });
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "failed-messages-server.txt"), string.Join('\n', server.Log));
    }

    private static async Task Shot(Person person, string file)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await person.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, file) });
        }
    }
}
