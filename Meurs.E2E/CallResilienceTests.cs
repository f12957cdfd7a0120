using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Meurs.E2E;

/// <summary>
/// Calls that hold up as people come and go, measured by each page's own WebRTC statistics: the ones who stay keep
/// hearing and seeing each other, and whoever comes back is heard and seen by all, without a renegotiation error; a
/// room closed during a call ends it on every page without a script error.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class CallResilienceTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly MeursServer server = new();

    public Task InitializeAsync() => server.StartAsync();

    public Task DisposeAsync() => server.DisposeAsync().AsTask();

    [Fact]
    public async Task OneLeavesAndRejoins_ThreeTimesThenByClosingTheTab_EveryoneStillDecodesEveryone()
    {
        var people = await OpenAsync("ann", "ben", "cat");
        try
        {
            var (ann, ben, cat) = (people[0], people[1], people[2]);
            var room = await ann.CreateRoomAsync();
            await ben.JoinRoomAsync(room);
            await cat.JoinRoomAsync(room);

            // A call of two: Ben leaves, and Ann, left alone, is offered no tracks at all (the offer that used to fail
            // with "max-bundle is used but no bundle group found"); Ben comes back and both play again.
            await JoinWithCameraAsync(ann);
            await JoinWithCameraAsync(ben);
            await CallStats.AllDecodeEachOtherAsync(server, [ann, ben]);
            await ben.Page.GetByRole(AriaRole.Button, new() { Name = "Leave the call" }).ClickAsync();
            await Expect(Tile(ann, "ben")).ToHaveCountAsync(0);
            await NoTroubleAsync(ann, ben);
            await JoinWithCameraAsync(ben);
            await CallStats.AllDecodeEachOtherAsync(server, [ann, ben]);

            await JoinWithCameraAsync(cat);
            await CallStats.AllDecodeEachOtherAsync(server, people);

            // Ann joined first, so her tracks open the others' subscribe connections (their BUNDLE tag): the hardest one
            // to leave. Three rounds with the Leave button, the last one by closing the tab.
            for (var round = 1; round <= 4; round++)
            {
                if (round <= 3)
                {
                    await ann.Page.GetByRole(AriaRole.Button, new() { Name = "Leave the call" }).ClickAsync();
                }
                else
                {
                    await ann.Page.CloseAsync(new() { RunBeforeUnload = true });
                }
                await Expect(Tile(ben, "ann")).ToHaveCountAsync(0);
                await Expect(Tile(cat, "ann")).ToHaveCountAsync(0);
                await CallStats.AllDecodeEachOtherAsync(server, [ben, cat]);
                await NoTroubleAsync(ben, cat);

                if (round == 4)
                {
                    await ann.ReopenAsync(room);
                }
                await JoinWithCameraAsync(ann);
                await CallStats.AllDecodeEachOtherAsync(server, people);
                await NoTroubleAsync(people.ToArray());
            }
        }
        finally
        {
            foreach (var person in people)
            {
                await person.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task RoomClosedDuringACall_TheCallEndsOnEveryPage_WithNoScriptError()
    {
        var people = await OpenAsync("dan", "eve", "fay");
        try
        {
            var (dan, eve, fay) = (people[0], people[1], people[2]);
            var room = await dan.CreateRoomAsync();
            await eve.JoinRoomAsync(room);
            await fay.JoinRoomAsync(room);
            await JoinWithCameraAsync(dan);
            await JoinWithCameraAsync(eve);
            await CallStats.RisingAsync(server, eve, "dan", "camera", "framesDecoded");
            // Fay is in the room but not in the call: she sees the call listed.
            await Expect(fay.Page.GetByRole(AriaRole.List, new() { Name = "In the call" })).ToContainTextAsync("eve");

            // The owner closes the room (the form's own submission, whatever confirmation the page asks for first).
            await dan.Page.EvaluateAsync("() => document.querySelector('form[action$=\"/close\"]').submit()");

            await Expect(eve.Page.Locator("#call-stage figure")).ToHaveCountAsync(0);
            await Expect(eve.Page.GetByText("closed", new() { Exact = false }).First).ToBeVisibleAsync();
            await Expect(fay.Page.GetByText("closed", new() { Exact = false }).First).ToBeVisibleAsync();
            await dan.Page.WaitForURLAsync(url => !url.EndsWith(room + "/close", StringComparison.Ordinal));
            // Whatever is still running on the pages (the call socket's close, its peer connections) settles without error.
            await eve.Page.EvaluateAsync("() => new Promise(r => setTimeout(r, 500))");
            foreach (var person in people)
            {
                Assert.Empty(person.ConsoleErrors);
            }
            Assert.Equal("not in a call", await eve.Page.EvaluateAsync<string>("() => window.meursCall.connections()"));
        }
        finally
        {
            foreach (var person in people)
            {
                await person.DisposeAsync();
            }
        }
    }

    private async Task<List<Person>> OpenAsync(params string[] names)
    {
        var people = new List<Person>();
        foreach (var name in names)
        {
            var person = await Person.OpenAsync(browser.Browser, server.BaseAddress, name);
            people.Add(person);
            await person.SignUpAsync();
        }
        return people;
    }

    private static async Task JoinWithCameraAsync(Person person)
    {
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Join the call" }).ClickAsync();
        await Expect(person.Page.Locator("#call-status")).ToContainTextAsync("You are in the call.");
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Camera", Exact = true }).ClickAsync();
        await Expect(person.Page.GetByRole(AriaRole.Button, new() { Name = "Camera off" })).ToBeVisibleAsync();
    }

    // No page shows a call error or a script error.
    private static async Task NoTroubleAsync(params Person[] people)
    {
        foreach (var person in people)
        {
            await Expect(person.Page.Locator("#call-status")).Not.ToHaveClassAsync("error");
            Assert.Empty(person.ConsoleErrors);
        }
    }

    private static ILocator Tile(Person person, string user) =>
        person.Page.Locator("#call-stage figure").Filter(new() { HasText = user });
}
