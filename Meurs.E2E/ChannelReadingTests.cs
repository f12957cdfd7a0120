using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// Reading a server's text channels in two browsers, as people do it: the unread dot and the mention counts arriving
/// live in the channel list, on /communities and in the navigation (none for a muted channel), going away when the channel is read and
/// staying read after a reload; the "New" line above the first unread message; the "new messages" bar for a reader who
/// scrolled up; a copied message link opening a fresh page at an old message, from which scrolling down loads the
/// messages up to the live ones without a hole; pins; and a channel read only while its tab is visible. Bob reads on a desktop (1280x800) and on a phone (390x844, touch). Screenshots go to
/// MEURS_SCREENSHOTS when set.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class ChannelReadingTests(BrowserFixture browser, ChannelReadingTests.SharedServer shared) : IClassFixture<ChannelReadingTests.SharedServer>
{
    private const string ServerName = "Reading Room";

    // Lets a test hide and show a tab: headless Chromium reports every page visible, so the document's visibility is
    // replaced (per page, before the page's scripts run) by one the test flips, with the event a browser fires.
    private const string VisibilitySwitch = """
        (() => {
          let hidden = false;
          Object.defineProperty(document, "visibilityState", { configurable: true, get: () => hidden ? "hidden" : "visible" });
          Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
          window.meursTestSetHidden = (value) => { hidden = value; document.dispatchEvent(new Event("visibilitychange")); };
        })();
        """;

    private readonly MeursServer server = shared.Server;

    /// <summary>
    /// One Meurs for the whole class (starting one per test would cost more than the tests): each test has its own
    /// people and its own server in it, so they do not see each other.
    /// </summary>
    public sealed class SharedServer : IAsyncLifetime
    {
        public MeursServer Server { get; } = new();

        public Task InitializeAsync() => Server.StartAsync();

        public Task DisposeAsync() => Server.DisposeAsync().AsTask();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnreadAndMentions_ArriveLive_TheNewLineMarksTheFirstUnread_AndReadingClearsThemForGood(bool phone)
    {
        var size = phone ? "phone" : "desktop";
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice-u" + size[0]);
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob-u" + size[0], phone: phone);
        try
        {
            await alice.Page.SetViewportSizeAsync(1280, 800);
            if (!phone)
            {
                await bob.Page.SetViewportSizeAsync(1280, 800);
            }
            await alice.SignUpAsync();
            await bob.SignUpAsync();
            var (serverId, general) = await alice.CreateServerAsync(ServerName);
            var news = await CreateTextChannelAsync(alice, "news");
            var random = await CreateTextChannelAsync(alice, "random");

            // Bob joins and stays in #general; he mutes #random from his channel list.
            await WaitForChannelAsync(bob, general, () => bob.JoinServerAsync(serverId));
            await ShowChannelsAsync(bob, phone);
            await bob.Page.Locator("#server-sidebar").GetByRole(AriaRole.Button, new() { Name = "Mute random", Exact = true }).ClickAsync();
            await Expect(bob.Page.Locator("#server-sidebar").GetByRole(AriaRole.Button, new() { Name = "Unmute random", Exact = true })).ToBeVisibleAsync();
            await Expect(Dot(bob, news)).ToHaveCountAsync(0);
            await Expect(Badge(bob, news)).ToHaveCountAsync(0);

            // Alice mentions him in the muted #random first: nothing shows for it, now or later.
            await WaitForChannelAsync(alice, random, () => ClickChannelAsync(alice, "random", phone: false));
            await WriteAsync(alice, $"@{bob.Name} this one is muted for you");

            // Alice writes in #news: the dot appears in Bob's list at once, without a reload; #general stays read.
            await WaitForChannelAsync(alice, news, () => ClickChannelAsync(alice, "news", phone: false));
            await WriteAsync(alice, "Fresh news: the release is out");
            await Expect(Dot(bob, news)).ToBeVisibleAsync();
            await Expect(Badge(bob, news)).ToHaveCountAsync(0);
            await Expect(Dot(bob, general)).ToHaveCountAsync(0);

            // A mention turns the dot into a count, for #news.
            await WriteAsync(alice, $"@{bob.Name} look at the changelog");
            await Expect(Badge(bob, news)).ToHaveTextAsync("1 mention");
            await Expect(Dot(bob, news)).ToHaveCountAsync(0);
            await Expect(bob.Page.Locator($"#unread-{random} > *")).ToHaveCountAsync(0);
            // The navigation counts it beside "Communities", on every page, live.
            await Expect(NavMentions(bob)).ToHaveTextAsync("1 unread mention");
            await Shot(bob, $"reading-unread-list-{size}.png");

            // On /communities the server counts his mentions (not the muted channel's), and follows live.
            await bob.Page.GotoAsync("/communities");
            var serverBadge = bob.Page.Locator($"#server-mentions-{serverId} .mention-badge");
            await Expect(serverBadge).ToHaveTextAsync("1 mention");
            await Expect(bob.Page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
            await WriteAsync(alice, $"@{bob.Name} are you there?");
            await Expect(serverBadge).ToHaveTextAsync("2 mentions");
            await Expect(NavMentions(bob)).ToHaveTextAsync("2 unread mentions");
            await Shot(bob, $"reading-communities-{size}.png");

            // Back in the server, #news shows 2 and #random nothing; Bob opens #news.
            await bob.Page.Locator($"li[data-server-id='{serverId}'] a.server-tile").ClickAsync();
            await bob.Page.WaitForURLAsync(new Regex($"/servers/{serverId}/channels/{general}$"), new() { WaitUntil = WaitUntilState.Commit });
            await ShowChannelsAsync(bob, phone);
            await Expect(Badge(bob, news)).ToHaveTextAsync("2 mentions");
            await Expect(bob.Page.Locator($"#unread-{random} > *")).ToHaveCountAsync(0);
            await WaitForChannelAsync(bob, news, () => ClickChannelAsync(bob, "news", phone));

            // The "New" line sits right above the first of Alice's three messages, in view.
            var marker = bob.Page.Locator("#channel-messages #unread-marker");
            await Expect(marker).ToHaveCountAsync(1);
            await Expect(marker).ToBeInViewportAsync();
            await Expect(bob.Page.Locator("#unread-marker + article.message .message-body")).ToHaveTextAsync("Fresh news: the release is out");

            // The messages mentioning Bob are highlighted for him, not for Alice (who wrote them), nor the others.
            await Expect(Message(bob, $"@{bob.Name} look at the changelog")).ToHaveClassAsync(new Regex(@"\bmention-me\b"));
            await Expect(Message(bob, $"@{bob.Name} are you there?")).ToHaveClassAsync(new Regex(@"\bmention-me\b"));
            await Expect(Message(bob, "Fresh news: the release is out")).Not.ToHaveClassAsync(new Regex(@"\bmention-me\b"));
            await Expect(Message(alice, $"@{bob.Name} look at the changelog")).Not.ToHaveClassAsync(new Regex(@"\bmention-me\b"));
            await Shot(bob, $"reading-new-line-{size}.png");

            // Opening the page read the channel: its count leaves the list this page was rendered with (the server
            // tells his pages once the read is saved), and a reload finds it read, with no "New" line any more.
            await ShowChannelsAsync(bob, phone);
            await Expect(bob.Page.Locator($"#unread-{news} > *")).ToHaveCountAsync(0);
            await Expect(bob.Page.Locator("#mentions-badge > *")).ToHaveCountAsync(0);
            await bob.Page.ReloadAsync();
            await ShowChannelsAsync(bob, phone);
            await Expect(bob.Page.Locator($"#ch-{news}")).ToBeVisibleAsync();
            await Expect(bob.Page.Locator($"#unread-{news} > *")).ToHaveCountAsync(0);
            await Expect(bob.Page.Locator($"#unread-{random} > *")).ToHaveCountAsync(0);
            await Expect(bob.Page.Locator($"#unread-{general} > *")).ToHaveCountAsync(0);
            await Expect(bob.Page.Locator("#unread-marker")).ToHaveCountAsync(0);
            await bob.Page.GotoAsync("/communities");
            await Expect(bob.Page.Locator($"li[data-server-id='{serverId}']")).ToBeVisibleAsync();
            await Expect(bob.Page.Locator($"#server-mentions-{serverId} > *")).ToHaveCountAsync(0);
            await Expect(bob.Page.Locator("#mentions-badge > *")).ToHaveCountAsync(0);

            Assert.Empty(alice.ConsoleErrors);
            Assert.Empty(bob.ConsoleErrors);
        }
        catch
        {
            await DebugAsync($"unread-{size}", alice, bob);
            throw;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ALongChannel_OpensAtTheNewLine_ShowsTheNewMessagesBar_OpensMessageLinks_AndListsPins(bool phone)
    {
        var size = phone ? "phone" : "desktop";
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice-l" + size[0]);
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob-l" + size[0], phone: phone);
        try
        {
            await alice.Page.SetViewportSizeAsync(1280, 800);
            if (!phone)
            {
                await bob.Page.SetViewportSizeAsync(1280, 800);
            }
            await alice.SignUpAsync();
            await bob.SignUpAsync();
            string serverId = "", general = "";
            await WaitForChannelAsync(alice, "", async () => (serverId, general) = await alice.CreateServerAsync(ServerName));

            // A long history, written the way a program does, before Bob comes.
            using (var api = await ApiAsync(alice))
            {
                for (var i = 1; i <= 60; i++)
                {
                    await SendAsync(api, general, $"History line {i:00}");
                }
            }

            // Bob joins: the channel opens at the "New" line, above the first of the newest 50, not at the end.
            await WaitForChannelAsync(bob, general, () => bob.JoinServerAsync(serverId));
            var marker = bob.Page.Locator("#channel-messages #unread-marker");
            await Expect(marker).ToBeInViewportAsync();
            await Expect(bob.Page.Locator("#unread-marker + article.message .message-body")).ToHaveTextAsync("History line 11");
            var newest = Message(bob, "History line 60");
            await Expect(newest).Not.ToBeInViewportAsync();

            // He reads down to the newest, then scrolls up again; Alice writes: he stays where he is, the bar tells him.
            var list = bob.Page.Locator("#channel-messages");
            await ScrollAsync(bob, list, 20_000);
            await Expect(newest).ToBeInViewportAsync();
            await ScrollAsync(bob, list, -1500);
            await Expect(newest).Not.ToBeInViewportAsync();
            var bar = bob.Page.GetByRole(AriaRole.Button, new() { Name = "New messages ↓" });
            await Expect(bar).ToBeHiddenAsync();
            await WriteAsync(alice, "Are you still there?");
            var question = Message(bob, "Are you still there?");
            await Expect(question).ToHaveCountAsync(1);
            await Expect(bar).ToBeVisibleAsync();
            await Expect(question).Not.ToBeInViewportAsync();
            await Shot(bob, $"reading-new-messages-bar-{size}.png");
            await bar.ClickAsync();
            await Expect(question).ToBeInViewportAsync();
            await Expect(bar).ToBeHiddenAsync();

            // Bob scrolls back to an old message (beyond the newest 50) and copies its link from its actions menu.
            await bob.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            var old = Message(bob, "History line 05");
            for (var i = 0; i < 10 && await old.CountAsync() == 0; i++)
            {
                await ScrollAsync(bob, list, -20_000);
            }
            await Expect(old).ToHaveCountAsync(1);
            await old.ScrollIntoViewIfNeededAsync();
            await old.Locator("summary[aria-label='Message actions']").ClickAsync();
            await old.GetByRole(AriaRole.Button, new() { Name = "Copy link", Exact = true }).ClickAsync();
            await Expect(old.GetByRole(AriaRole.Button, new() { Name = "Link copied", Exact = true })).ToBeVisibleAsync();
            var link = await bob.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
            var oldId = await old.GetAttributeAsync("data-message-id");
            Assert.Equal(new Uri(server.BaseAddress, $"/servers/{serverId}/channels/{general}?message={oldId}").ToString(), link);

            // The link in a fresh tab opens at that message, in view and highlighted, not at the newest.
            await bob.ReopenAsync(link);
            var linked = Message(bob, "History line 05");
            await Expect(linked).ToBeInViewportAsync();
            await Expect(linked).ToHaveClassAsync(new Regex(@"\blinked\b"));
            await Expect(Message(bob, "Are you still there?")).Not.ToBeInViewportAsync();
            await Shot(bob, $"reading-message-link-{size}.png");

            // The linked page is live too: what Alice writes now waits behind the bar, and Bob keeps his place.
            await Expect(bob.Page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
            await WriteAsync(alice, "Meeting notes are in the wiki");
            var notes = Message(bob, "Meeting notes are in the wiki");
            bar = bob.Page.GetByRole(AriaRole.Button, new() { Name = "New messages ↓" });
            await Expect(notes).ToHaveCountAsync(1);
            await Expect(bar).ToBeVisibleAsync();
            await Expect(linked).ToBeInViewportAsync();

            // Scrolling down from there, the messages between the linked page and the live one load in: the whole
            // channel, in order, each message once, and Bob is not thrown to the end on the way.
            var gap = bob.Page.Locator("#channel-messages > .load-newer");
            await Expect(gap).ToHaveCountAsync(1);
            var lastOfPage = Message(bob, "History line 50");
            await lastOfPage.ScrollIntoViewIfNeededAsync();
            await Expect(gap).ToHaveCountAsync(0);
            await Expect(lastOfPage).ToBeInViewportAsync();
            var bodies = bob.Page.Locator("#channel-messages > article.message .message-body");
            string[] channel = [.. Enumerable.Range(1, 60).Select(i => $"History line {i:00}"), "Are you still there?", "Meeting notes are in the wiki"];
            await Expect(bodies).ToHaveTextAsync(channel);

            // From the linked page, the bar goes to the newest.
            await bob.ReopenAsync(link);
            await Expect(Message(bob, "History line 05")).ToBeInViewportAsync();
            await Expect(bob.Page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
            await WriteAsync(alice, "Lunch at noon?");
            bar = bob.Page.GetByRole(AriaRole.Button, new() { Name = "New messages ↓" });
            await Expect(bar).ToBeVisibleAsync();
            await WaitForChannelAsync(bob, general, () => bar.ClickAsync());
            notes = Message(bob, "Meeting notes are in the wiki");
            await Expect(Message(bob, "Lunch at noon?")).ToBeInViewportAsync();

            // Nothing is pinned yet.
            var pinned = bob.Page.Locator(".pinned-menu > summary");
            var pinnedList = bob.Page.GetByRole(AriaRole.Region, new() { Name = "Pinned messages" });
            await pinned.ClickAsync();
            await Expect(pinnedList).ToContainTextAsync("No pinned messages in this channel.");
            await pinned.ClickAsync(); // closes it

            // Alice pins the notes from the message's menu: Bob sees the mark live, and the message in his pinned list.
            var aliceNotes = Message(alice, "Meeting notes are in the wiki");
            await aliceNotes.Locator("summary[aria-label='Message actions']").ClickAsync();
            await aliceNotes.GetByRole(AriaRole.Button, new() { Name = "Pin", Exact = true }).ClickAsync();
            await Expect(notes.Locator(".pin-mark")).ToBeVisibleAsync();
            await Expect(Message(bob, "Lunch at noon?").Locator(".pin-mark")).ToHaveCountAsync(0);
            await pinned.ClickAsync();
            await Expect(pinnedList.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
            await Expect(pinnedList.GetByRole(AriaRole.Link)).ToContainTextAsync("Meeting notes are in the wiki");
            await Shot(bob, $"reading-pinned-{size}.png");
            await AssertInsideViewportAsync(bob, bob.Page.Locator(".pinned-panel"));

            // The pinned entry opens the channel at the message.
            await pinnedList.GetByRole(AriaRole.Link).ClickAsync();
            await bob.Page.WaitForURLAsync(new Regex(@"\?message=[0-9a-f]{32}$"), new() { WaitUntil = WaitUntilState.Commit });
            await Expect(Message(bob, "Meeting notes are in the wiki")).ToHaveClassAsync(new Regex(@"\blinked\b"));
            await Expect(bob.Page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");

            // Alice unpins it: the mark goes, live, and the list is empty again.
            aliceNotes = Message(alice, "Meeting notes are in the wiki");
            if (await aliceNotes.Locator(".message-actions").GetAttributeAsync("open") is null)
            {
                await aliceNotes.Locator("summary[aria-label='Message actions']").ClickAsync();
            }
            await aliceNotes.GetByRole(AriaRole.Button, new() { Name = "Unpin", Exact = true }).ClickAsync();
            await Expect(Message(bob, "Meeting notes are in the wiki").Locator(".pin-mark")).ToHaveCountAsync(0);
            await bob.Page.Locator(".pinned-menu > summary").ClickAsync();
            await Expect(bob.Page.GetByRole(AriaRole.Region, new() { Name = "Pinned messages" })).ToContainTextAsync("No pinned messages in this channel.");

            Assert.Empty(alice.ConsoleErrors);
            Assert.Empty(bob.ConsoleErrors);
        }
        catch
        {
            await DebugAsync($"long-{size}", alice, bob);
            throw;
        }
    }

    [Fact]
    public async Task AChannelOpenInAHiddenTab_StaysUnread_UntilTheTabIsShown()
    {
        await using var alice = await Person.OpenAsync(browser.Browser, server.BaseAddress, "alice-v");
        await using var bob = await Person.OpenAsync(browser.Browser, server.BaseAddress, "bob-v");
        try
        {
            await alice.Page.SetViewportSizeAsync(1280, 800);
            await bob.Page.SetViewportSizeAsync(1280, 800);
            await bob.Page.Context.AddInitScriptAsync(VisibilitySwitch);
            await alice.SignUpAsync();
            await bob.SignUpAsync();
            var (serverId, general) = await alice.CreateServerAsync(ServerName);
            var news = await CreateTextChannelAsync(alice, "news");
            await WaitForChannelAsync(alice, general, () => ClickChannelAsync(alice, "general", phone: false));

            // Bob has #general open in one tab and #news in another, in front; the #general tab goes to the back.
            await WaitForChannelAsync(bob, general, () => bob.JoinServerAsync(serverId));
            var background = bob.Page;
            await bob.ReopenAsync($"/servers/{serverId}/channels/{news}");
            var front = bob.Page;
            await Expect(front.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
            await background.EvaluateAsync("() => window.meursTestSetHidden(true)");

            // Alice writes in #general: the hidden tab shows it, but does not read it.
            await WriteAsync(alice, "Anyone around?");
            await Expect(background.Locator("#channel-messages .message-body", new() { HasText = "Anyone around?" })).ToHaveCountAsync(1);
            await Expect(front.Locator($"#unread-{general} .unread-dot")).ToBeVisibleAsync();
            // Whatever the hidden tab sent on arrival is handled before its typing (one socket, in order): once Alice
            // sees Bob typing there, a reload shows what was saved.
            await background.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).PressSequentiallyAsync("h");
            await Expect(alice.Page.Locator("#channel-typing")).ToContainTextAsync(bob.Name);
            await front.ReloadAsync();
            await Expect(front.Locator($"#unread-{general} .unread-dot")).ToBeVisibleAsync();
            await Expect(front.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");

            // Bob switches to the #general tab: now it is read, and his other tab drops the dot live, for good.
            await background.EvaluateAsync("() => window.meursTestSetHidden(false)");
            await Expect(front.Locator($"#unread-{general} > *")).ToHaveCountAsync(0);
            await front.ReloadAsync();
            await Expect(front.Locator($"#ch-{general}")).ToBeVisibleAsync();
            await Expect(front.Locator($"#unread-{general} > *")).ToHaveCountAsync(0);

            Assert.Empty(alice.ConsoleErrors);
            Assert.Empty(bob.ConsoleErrors);
        }
        catch
        {
            await DebugAsync("visibility", alice, bob);
            throw;
        }
    }

    // The owner creates a text channel with the sidebar's form; returns its id.
    private static async Task<string> CreateTextChannelAsync(Person owner, string name)
    {
        var sidebar = owner.Page.Locator("#server-sidebar");
        var create = sidebar.Locator("details.sidebar-create");
        if (await create.GetAttributeAsync("open") is null)
        {
            await owner.Page.GetByText("Create a channel or category").ClickAsync();
        }
        await owner.Page.GetByLabel("Channel name").FillAsync(name);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Create channel" }).ClickAsync();
        var link = sidebar.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        await Expect(link).ToBeVisibleAsync();
        await Expect(owner.Page.GetByLabel("Channel name")).ToHaveValueAsync("");
        var id = await sidebar.Locator("li.channel-item").Filter(new() { Has = owner.Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) }).GetAttributeAsync("data-channel-id");
        return id!;
    }

    private static async Task ShowChannelsAsync(Person person, bool phone)
    {
        if (phone)
        {
            await person.Page.GetByRole(AriaRole.Tab, new() { Name = "Channels" }).ClickAsync();
        }
        await Expect(person.Page.Locator("#server-sidebar")).ToBeVisibleAsync();
    }

    private static async Task ClickChannelAsync(Person person, string name, bool phone)
    {
        await ShowChannelsAsync(person, phone);
        await person.Page.Locator("#server-sidebar").GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
    }

    // Does what opens a channel, then waits until its socket has delivered the history and the layout's /ws/me (where
    // unread states arrive) is connected: from then on, nothing said there can be missed.
    private static async Task WaitForChannelAsync(Person person, string channelId, Func<Task> open)
    {
        var history = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSocket(object? sender, IWebSocket socket)
        {
            if (socket.Url.Contains("/ws/channels/" + channelId, StringComparison.Ordinal)) // "": any channel
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
            await open();
            await person.Page.WaitForURLAsync(new Regex($"/channels/{(channelId.Length > 0 ? channelId : "[0-9a-f]{32}")}$"), new() { WaitUntil = WaitUntilState.Commit });
            await history.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            person.Page.WebSocket -= OnSocket;
        }
        await Expect(person.Page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
    }

    // Writes in the channel open on the page, with the composer and Enter, and waits until it shows in their own list.
    private static async Task WriteAsync(Person person, string text)
    {
        await person.MessageBox.FillAsync(text);
        await person.MessageBox.PressAsync("Enter");
        await Expect(person.MessageBox).ToHaveValueAsync("");
        await Expect(Message(person, text)).ToHaveCountAsync(1);
    }

    // Scrolls the message list with the mouse wheel over it, as a reader does.
    private static async Task ScrollAsync(Person person, ILocator list, int deltaY)
    {
        var box = await list.BoundingBoxAsync() ?? throw new InvalidOperationException("the message list is not shown");
        await person.Page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await person.Page.Mouse.WheelAsync(0, deltaY);
    }

    private static async Task AssertInsideViewportAsync(Person person, ILocator element)
    {
        var box = await element.BoundingBoxAsync() ?? throw new InvalidOperationException("not shown");
        var viewport = person.Page.ViewportSize!;
        Assert.True(box.X >= 0 && box.X + box.Width <= viewport.Width + 1,
            $"{element} spans x {box.X}..{box.X + box.Width} on a screen {viewport.Width} wide");
    }

    private static ILocator Dot(Person person, string channelId) => person.Page.Locator($"#unread-{channelId} .unread-dot");

    private static ILocator Badge(Person person, string channelId) => person.Page.Locator($"#unread-{channelId} .mention-badge");

    private static ILocator NavMentions(Person person) => person.Page.Locator("#mentions-badge .mention-badge");

    private static ILocator Message(Person person, string text) =>
        person.Page.Locator("#channel-messages article.message")
            .Filter(new() { Has = person.Page.Locator(".message-body", new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(text) + "\\s*$") }) });

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

    private async Task DebugAsync(string test, params Person[] people)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }
        foreach (var person in people)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"failed-reading-{test}-{person.Name}.txt"),
                string.Join('\n', person.ConsoleErrors) + "\n---\n" + await person.Page.ContentAsync());
            await person.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"failed-reading-{test}-{person.Name}.png") });
        }
        await File.WriteAllTextAsync(Path.Combine(folder, $"failed-reading-{test}-server.txt"), string.Join('\n', server.Log));
    }

    private static async Task Shot(Person person, string file)
    {
        if (Environment.GetEnvironmentVariable("MEURS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await person.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, file) });
        }
    }
}
