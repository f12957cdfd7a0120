using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E.Xss;

/// <summary>
/// The XSS battery (issue 10): every payload of <see cref="XssCorpus"/> through every place user text appears — chat in
/// pages and in live pushes, the JSON protocol (chats, private messages and direct-transfer names a program sends, shown
/// in people's pages), room names, shared file names and usernames at sign-up — in a real Chromium. Each passes when
/// the text shows exactly as typed (or as the server documents cleaning it) with no element inside, and
/// <see cref="XssWatch"/> saw no dialog, no injected element and no CSP violation. Payloads travel in batches (many per
/// message) so the corpus runs in a few minutes.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class XssCorpusTests(BrowserFixture browser, XssServerFixture fixture) : IClassFixture<XssServerFixture>
{
    // Under the 4,000-character message limit, with room for the padding of the refused-message check.
    private const int BatchChars = 3_500;

    // Each shared file is its own upload, stored and pushed to every page in the room: one payload in this many goes
    // through the upload (plus the first 40 through the page's form), to keep CI time in bounds. The names are rendered
    // by the same message view as the chat text, which takes the whole corpus.
    private const int FileNameSampling = 3;

    private MeursServer Server => fixture.Server;

    [Fact]
    public void Corpus_HasAtLeast500DistinctPayloads() =>
        Assert.True(XssCorpus.Payloads.Count >= 500, $"the corpus has {XssCorpus.Payloads.Count} payloads");

    [Fact]
    public async Task ChatMessages_InPagesPushesAndTheComposer_ShowAsText()
    {
        await using var scene = await TwoInARoomAsync("chat");
        var (alice, bob, room) = scene;
        var aliceWatch = await XssWatch.AttachAsync(alice);
        var bobWatch = await XssWatch.AttachAsync(bob);
        var batches = XssCorpus.Batches(BatchChars);

        foreach (var batch in batches)
        {
            await alice.MessageBox.FillAsync(batch);
            await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await Expect(alice.MessageBox).ToHaveValueAsync("");
        }
        // Live pushes: the sender's page and the other person's.
        await ExpectChatTextsAsync(bob.Page, batches, "bob's page (live pushes)");
        await ExpectChatTextsAsync(alice.Page, batches, "alice's page (live pushes)");
        await bobWatch.AssertCleanAsync(bob.Page, "chat pushed to bob");
        await aliceWatch.AssertCleanAsync(alice.Page, "chat pushed to alice");

        // The page as the server renders it (history), after a reload.
        await bob.Page.ReloadAsync();
        await ExpectChatTextsAsync(bob.Page, batches, "bob's page (history)");
        await bobWatch.AssertCleanAsync(bob.Page, "chat history on bob's page");

        // A refused message comes back in the composer, with the text kept: too long, so each batch is refused.
        foreach (var batch in batches)
        {
            var typed = batch + "\n" + new string('x', 4_001 - batch.Length);
            await alice.MessageBox.EvaluateAsync("(box, text) => { box.value = text; }", typed);
            await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
            await Expect(alice.Page.Locator("#composer-error")).ToContainTextAsync("limited to");
            Assert.Equal(typed, await alice.MessageBox.InputValueAsync());
            await aliceWatch.AssertCleanAsync(alice.Page, "refused message in alice's composer");
        }
        Assert.NotEmpty(room);
    }

    [Fact]
    public async Task JsonProtocol_ChatsPrivateMessagesAndTransferNames_ShowAsTextInPages()
    {
        await using var scene = await TwoInARoomAsync("json");
        var (alice, bob, room) = scene;
        var bobWatch = await XssWatch.AttachAsync(bob);
        await using var program = await ProgramClient.RegisterAsync(Server.BaseAddress, "prog" + Suffix());
        await program.JoinAsync(Server.BaseAddress, room);
        await Expect(bob.Members).ToContainTextAsync(program.UserName);
        var batches = XssCorpus.Batches(BatchChars);

        foreach (var batch in batches)
        {
            await program.SendJsonAsync(new { type = "chat", text = batch });
            await program.SendJsonAsync(new { type = "pm", to = bob.Name, text = batch });
        }
        await ExpectChatTextsAsync(bob.Page, batches, "chats from a program on bob's page", ".msg-chat");
        await ExpectChatTextsAsync(bob.Page, batches, "private messages from a program on bob's page", ".msg-private");
        await bobWatch.AssertCleanAsync(bob.Page, "program's chats on bob's page");

        // Direct transfers: meurs.js lists each announced file by name and, once its byte arrived, links it.
        // In groups, each waited for, as a sender does between files: this checks names, not the relay's throughput.
        var names = new List<string>();
        var links = bob.Page.GetByRole(AriaRole.List, new() { Name = "Direct transfers" }).Locator("li > a[download]");
        foreach (var group in XssCorpus.Payloads.Where(p => XssCorpus.CleanFileName(p) is not null).Chunk(50))
        {
            foreach (var payload in group)
            {
                await program.SendFileAsync("t" + names.Count, payload);
                names.Add(XssCorpus.CleanFileName(payload)!);
            }
            await Expect(links).ToHaveCountAsync(names.Count, new() { Timeout = 30_000 });
        }
        var shown = await bob.Page.EvaluateAsync<string[][]>(
            "() => [...document.querySelectorAll('#transfers > li')].map(li => [li.children.length + '', li.querySelector('a')?.textContent ?? '', li.querySelector('a')?.getAttribute('download') ?? '', li.textContent])");
        Assert.All(shown, item =>
        {
            Assert.Equal("1", item[0]);
            Assert.Equal(item[1], item[2]);
            Assert.StartsWith(program.UserName + " sent " + item[1] + " (", item[3], StringComparison.Ordinal);
        });
        Assert.Equal(names.Order(StringComparer.Ordinal), shown.Select(s => s[1]).Order(StringComparer.Ordinal));
        await bobWatch.AssertCleanAsync(bob.Page, "direct transfer names on bob's page");
    }

    [Fact]
    public async Task RoomNames_InTheTitleAndTheRoomList_ShowAsText()
    {
        await using var scene = await TwoInARoomAsync("name");
        var (alice, bob, room) = scene;
        var aliceWatch = await XssWatch.AttachAsync(alice);
        var bobWatch = await XssWatch.AttachAsync(bob);
        // The owner's rename form, submitted by the page itself once per payload (htmx swaps the answer in place of the
        // title); each entry of the result is [shown name, its child elements, the box's value, the error]. The form's
        // maxlength and required are the browser's help, not a defence: an attacker skips them, so they are skipped here.
        var results = await alice.Page.EvaluateAsync<JsonElement>("""
            async (names) => {
              const results = [];
              for (const name of names) {
                const title = document.querySelector("#room-title");
                title.querySelector("details").open = true;
                const form = title.querySelector("form");
                form.noValidate = true;
                title.querySelector("#room-name-input").value = name;
                form.requestSubmit();
                for (const deadline = Date.now() + 15000; document.querySelector("#room-title") === title;) {
                  if (Date.now() > deadline) throw new Error("no answer to the rename to " + name);
                  await new Promise((r) => setTimeout(r, 5));
                }
                const now = document.querySelector("#room-title");
                const shown = now.querySelector(".room-name");
                results.push([shown ? shown.textContent : "", shown ? shown.childElementCount : 0, now.querySelector("#room-name-input").value, now.querySelector("#room-name-error").textContent]);
              }
              return results;
            }
            """, XssCorpus.Payloads);
        var renamed = 0;
        string? lastName = null;
        var i = 0;
        foreach (var result in results.EnumerateArray())
        {
            var payload = XssCorpus.Payloads[i++];
            var (shown, children, typed, error) = (result[0].GetString()!, result[1].GetInt32(), result[2].GetString(), result[3].GetString()!);
            Assert.True(children == 0, $"the room name {payload} shows with elements inside");
            if (error.Length == 0)
            {
                renamed++;
                lastName = payload.Trim();
                Assert.Equal(lastName, shown);
            }
            else
            {
                Assert.Equal(payload, typed);
            }
        }
        await aliceWatch.AssertCleanAsync(alice.Page, "room names in alice's title");
        Assert.True(renamed > XssCorpus.Payloads.Count / 4, $"only {renamed} payloads were accepted as room names");

        // The name as others see it, and in the room list.
        await bob.Page.ReloadAsync();
        await Expect(bob.Page.Locator("#room-title .room-name")).ToHaveTextAsync(lastName!);
        await bobWatch.AssertCleanAsync(bob.Page, "room name on bob's page");
        await bob.Page.GotoAsync("/rooms");
        await Expect(bob.Page.GetByRole(AriaRole.Link, new() { Name = lastName!, Exact = true })).ToBeVisibleAsync();
        await bobWatch.AssertCleanAsync(bob.Page, "room name in bob's room list");
    }

    [Fact]
    public async Task SharedFileNames_InPagesPushesAndTheShareStatus_ShowAsText()
    {
        await using var scene = await TwoInARoomAsync("file");
        var (alice, bob, room) = scene;
        var aliceWatch = await XssWatch.AttachAsync(alice);
        var bobWatch = await XssWatch.AttachAsync(bob);
        var token = await alice.Page.EvaluateAsync<string>("() => JSON.parse(document.querySelector('#share-form').getAttribute('hx-headers')).RequestVerificationToken");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var names = new List<string>();

        // Some through the page's share form, whose status line says what was shared ...
        var viaForm = XssCorpus.Payloads.Take(40).ToList();
        foreach (var payload in viaForm)
        {
            await alice.Page.GetByLabel("Share a file").SetInputFilesAsync(new FilePayload { Name = payload + ".png", MimeType = "image/png", Buffer = png });
            var response = await alice.Page.RunAndWaitForResponseAsync(
                () => alice.Page.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync(),
                r => r.Url.EndsWith($"/rooms/{room}/files", StringComparison.Ordinal));
            var status = alice.Page.Locator("#share-status > span");
            if (response.Status == 201)
            {
                await Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Shared .+\\.png\\.$", System.Text.RegularExpressions.RegexOptions.Singleline));
                names.Add((await status.TextContentAsync())!["Shared ".Length..^1]);
            }
            else
            {
                await Expect(status).ToHaveClassAsync("error");
            }
            Assert.Equal(0, await status.EvaluateAsync<int>("e => e.childElementCount"));
        }
        await aliceWatch.AssertCleanAsync(alice.Page, "share status on alice's page");

        // ... and the rest posted by the page to the endpoint that form posts to; what the server kept comes back as file_name.
        var posted = await alice.Page.EvaluateAsync<JsonElement>("""
            async ([room, token, names, bytes]) => {
              const results = [];
              let next = 0;
              // A few uploads at a time, as a person dropping many files would; each answer is kept with its name.
              const worker = async () => {
                while (next < names.length) {
                  const name = names[next++];
                  const form = new FormData();
                  form.append("file", new File([new Uint8Array(bytes)], name, { type: "image/png" }));
                  const response = await fetch("/rooms/" + room + "/files", { method: "POST", body: form, headers: { RequestVerificationToken: token } });
                  results.push([response.status, response.status === 201 ? (await response.json()).file_name : await response.text()]);
                }
              };
              await Promise.all([worker(), worker(), worker(), worker()]);
              return results;
            }
            """, new object[] { room, token, XssCorpus.Payloads.Skip(viaForm.Count).Where((_, i) => i % FileNameSampling == 0).Select(p => p + ".png").ToArray(), png.Select(b => (int)b).ToArray() });
        foreach (var result in posted.EnumerateArray())
        {
            var status = result[0].GetInt32();
            Assert.True(status is 201 or 400 or 415, $"sharing a file answered {status}: {result[1]}");
            if (status == 201)
            {
                names.Add(result[1].GetString()!);
            }
        }
        Assert.True(names.Count > XssCorpus.Payloads.Count / FileNameSampling / 2, $"only {names.Count} files were shared");

        await ExpectFileLinksAsync(bob.Page, names, "bob's page (live pushes)");
        await ExpectFileLinksAsync(alice.Page, names, "alice's page (live pushes)");
        await bobWatch.AssertCleanAsync(bob.Page, "file names pushed to bob");
        await aliceWatch.AssertCleanAsync(alice.Page, "file names on alice's page");
        await bob.Page.ReloadAsync();
        await ExpectFileLinksAsync(bob.Page, names, "bob's page (history)");
        await bobWatch.AssertCleanAsync(bob.Page, "file names in the history on bob's page");
    }

    [Fact]
    public async Task Usernames_RefusedAtSignUp_ShowAsTextInTheForm()
    {
        await using var visitor = await Person.OpenAsync(browser.Browser, Server.BaseAddress, "visitor");
        var watch = await XssWatch.AttachAsync(visitor);
        await visitor.Page.GotoAsync("/signup");
        var refused = 0;

        // A payload that is a valid username (plain letters, digits, '.', '_', '-': "a.html") is harmless and would be taken.
        foreach (var payload in XssCorpus.Payloads.Where(p => !System.Text.RegularExpressions.Regex.IsMatch(p, "^[A-Za-z0-9_.-]{3,32}$")))
        {
            // The browser's pattern and maxlength checks are skipped, as an attacker's client would.
            await visitor.Page.EvaluateAsync(
                "([name, password]) => { const f = document.querySelector('form'); f.noValidate = true; f.querySelector('#signup-username').value = name; f.querySelector('#signup-password').value = password; f.querySelector('#signup-confirm').value = password; document.body.dataset.submitted = '1'; }",
                new[] { payload, Person.Password });
            await visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
            // The answer is a new document, without the mark the old one got.
            await Expect(visitor.Page.Locator("body[data-submitted]")).ToHaveCountAsync(0);
            await visitor.Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            if (await visitor.Page.GetByTestId("signed-in-user").CountAsync() > 0)
            {
                Assert.Fail($"the username {payload} was accepted");
            }
            refused++;
            Assert.Equal(payload, await visitor.Page.Locator("#signup-username").InputValueAsync());
            await Expect(visitor.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Username must be");
            if (refused % 50 == 0)
            {
                await watch.AssertCleanAsync(visitor.Page, "sign-up form after refused usernames");
            }
        }
        await watch.AssertCleanAsync(visitor.Page, "sign-up form after refused usernames");
    }

    // alice creates a room, bob opens it; both are in it when this returns.
    private async Task<Scene> TwoInARoomAsync(string prefix)
    {
        var alice = await Person.OpenAsync(browser.Browser, Server.BaseAddress, prefix + "a" + Suffix());
        var bob = await Person.OpenAsync(browser.Browser, Server.BaseAddress, prefix + "b" + Suffix());
        await alice.SignUpAsync();
        await bob.SignUpAsync();
        var room = await alice.CreateRoomAsync();
        await bob.JoinRoomAsync(room);
        // Generous: this is set-up, and CI machines are shared.
        await Expect(alice.Members).ToContainTextAsync(bob.Name, new() { Timeout = 30_000 });
        await Expect(bob.Members).ToContainTextAsync(alice.Name, new() { Timeout = 30_000 });
        return new Scene(alice, bob, room["/rooms/".Length..]);
    }

    private sealed record Scene(Person Alice, Person Bob, string RoomId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Alice.DisposeAsync();
            await Bob.DisposeAsync();
        }
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];

    // Every batch shows as the text of one message of the given kind, rendered as Meurs' markdown subset: the only
    // elements are its own (paragraphs, line breaks, emphasis, code, quotes, links), a link's only attributes are an
    // http, https or mailto href, rel and target, and code's only one a language class. Since room chat is markdown
    // (issue 11), a payload's asterisks, backticks and brackets may become formatting: what must never happen is an
    // element or attribute of the payload's own making (XssWatch separately catches anything that runs).
    private static async Task ExpectChatTextsAsync(IPage page, List<string> batches, string where, string kind = ".msg-chat")
    {
        var texts = page.Locator($"#messages > {kind} .text");
        await Expect(texts).ToHaveCountAsync(batches.Count, new() { Timeout = 60_000 });
        var violations = await page.EvaluateAsync<string[]>(
            $$"""
            () => {
              const tags = new Set(['P', 'BR', 'EM', 'STRONG', 'CODE', 'PRE', 'A', 'BLOCKQUOTE']);
              const bad = [];
              for (const text of document.querySelectorAll('#messages > {{kind}} .text')) {
                for (const el of text.querySelectorAll('*')) {
                  if (!tags.has(el.tagName)) { bad.push('<' + el.tagName.toLowerCase() + '>'); continue; }
                  for (const attr of el.attributes) {
                    const ok = el.tagName === 'A'
                      ? (attr.name === 'rel' || attr.name === 'target' || (attr.name === 'href' && /^(https?:|mailto:)/i.test(attr.value)))
                      : el.tagName === 'CODE' && attr.name === 'class' && /^language-[\w-]*$/.test(attr.value);
                    if (!ok) bad.push(el.tagName.toLowerCase() + ' ' + attr.name + '="' + attr.value.slice(0, 80) + '"');
                  }
                  if (el.tagName === 'A' && el.getAttribute('rel') !== 'noopener noreferrer nofollow ugc') bad.push('a without rel: ' + el.outerHTML.slice(0, 120));
                }
              }
              return bad;
            }
            """);
        Assert.True(violations.Length == 0, $"{where}: message text holds what markdown never makes: {string.Join(" | ", violations.Take(10))}");
    }

    // Every shared name shows, exactly, as a download link's text, with nothing inside it.
    private static async Task ExpectFileLinksAsync(IPage page, List<string> names, string where)
    {
        var links = page.Locator("#messages > .msg-fileshared a[download]");
        await Expect(links).ToHaveCountAsync(names.Count, new() { Timeout = 60_000 });
        var shown = await page.EvaluateAsync<string[][]>(
            "() => [...document.querySelectorAll('#messages > .msg-fileshared a[download]')].map(a => [a.childElementCount + '', a.textContent])");
        Assert.All(shown, s => Assert.True(s[0] == "0", $"{where}: a file link holds elements: {s[1]}"));
        Assert.Equal(names.Order(StringComparer.Ordinal), shown.Select(s => s[1]).Order(StringComparer.Ordinal));
    }
}
