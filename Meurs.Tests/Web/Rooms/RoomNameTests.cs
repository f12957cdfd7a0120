using System.Net;
using System.Text;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Rooms;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Rooms;

/// <summary>Room names: given at creation, renamed by the owner only, checked (length, one line of valid Unicode).</summary>
public sealed class RoomNameTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Theory]
    [InlineData("  Friday night  ", "Friday night")]
    [InlineData("Cafe\u0301 ☕", "Cafe\u0301 ☕")] // stored as typed: e + combining acute
    [InlineData("日本語の部屋", "日本語の部屋")]
    public void Check_ValidName_IsTrimmedAndNormalized(string input, string expected) =>
        Assert.Equal((expected, (string?)null), RoomName.Check(input));

    [Fact]
    public void Check_SixtyCharactersOfAnyWidth_AreAccepted_SixtyOneAreNot()
    {
        Assert.NotNull(RoomName.Check(new string('a', 60)).Name);
        Assert.NotNull(RoomName.Check(string.Concat(Enumerable.Repeat("👩‍👩‍👧", 10))).Name); // 10 people see, 80 UTF-16 units
        Assert.NotNull(RoomName.Check(string.Concat(Enumerable.Repeat("e\u0301", 60))).Name); // 60 characters drawn, 120 units
        Assert.Equal("A room name is at most 60 characters.", RoomName.Check(new string('a', 61)).Error);
        Assert.NotNull(RoomName.Check("e" + new string('\u0301', 250)).Error); // one character as drawn, but 251 code units
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Check_Empty_IsRefused(string? input) =>
        Assert.Equal("Type a name for the room.", RoomName.Check(input).Error);

    [Theory]
    [InlineData("bad \uD800 surrogate")]
    [InlineData("bad \uDC00 low surrogate")]
    [InlineData("trailing high \uD83D")]
    [InlineData("bell\u0007")]
    [InlineData("two\nlines")]
    [InlineData("replacement \uFFFD char")]
    [InlineData("nonchar \uFFFF")]
    [InlineData("nonchar \uFDD0")]
    public void Check_InvalidText_IsRefused(string input) =>
        Assert.Equal("A room name must be plain text on one line, without control characters or broken characters.", RoomName.Check(input).Error);

    [Fact]
    public async Task Create_WithName_RoomPageAndListShowIt_Escaped()
    {
        using var owner = await factory.SignedUpAsync();

        var (response, html) = await owner.CreateNamedRoomAsync("Book <club> & friends");

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, html);
        var roomId = response.Headers.Location!.ToString().Split('/')[^1];
        Assert.Equal("Book <club> & friends", await NameAsync(roomId));
        var (_, page) = await owner.GetHtmlAsync($"/rooms/{roomId}");
        Assert.Contains("<span class=\"room-name\">Book &lt;club&gt; &amp; friends</span>", page, StringComparison.Ordinal);
        Assert.Contains("<title>Book &lt;club&gt; &amp; friends · Meurs</title>", page, StringComparison.Ordinal);
        Assert.Contains("Book &lt;club&gt; &amp; friends</a>", (await owner.GetHtmlAsync("/rooms")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutName_IsUnnamed()
    {
        using var owner = await factory.SignedUpAsync();

        var roomId = await owner.CreateRoomAsync();

        Assert.Null(await NameAsync(roomId));
        Assert.Contains($"Room <code>{roomId}</code>", (await owner.GetHtmlAsync($"/rooms/{roomId}")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithTooLongName_Returns400WithReasonAndCreatesNoRoom()
    {
        using var owner = await factory.SignedUpAsync();
        var before = await factory.WithDbAsync(db => db.Rooms.CountAsync());

        var (response, html) = await owner.CreateNamedRoomAsync(new string('n', 61));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("A room name is at most 60 characters.", TestBrowser.Errors(html), StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Rooms.CountAsync()));
    }

    [Fact]
    public async Task Rename_ByOwner_RedirectsToTheRoomWithTheNewName()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();

        var (response, _) = await owner.RenameRoomAsync(roomId, "  Café talk ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/rooms/{roomId}", new Uri(MeursFactory.BaseAddress, response.Headers.Location!).AbsolutePath);
        Assert.Equal("Café talk", await NameAsync(roomId));
    }

    [Fact]
    public async Task Rename_FromHtmx_AnswersTheTitleFragment()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();

        var (response, body) = await owner.RenameRoomAsync(roomId, "Late show", htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<div id=\"room-title\"", body.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("<span class=\"room-name\">Late show</span>", body, StringComparison.Ordinal);
        Assert.Contains("Name saved.", body, StringComparison.Ordinal);
        Assert.Equal("Late show", await NameAsync(roomId));
    }

    [Fact]
    public async Task Rename_ReachesEveryOpenPageAndProgramOfTheRoomAtOnce_Escaped()
    {
        await using var scene = await RoomScene.StartAsync(factory);
        using var api = ApiClient.For(factory);
        var program = await Comuni.UserAsync(api, "rn");
        await using var json = await Comuni.JoinAsync(factory, scene.RoomId, program);

        var (response, _) = await scene.Owner.RenameRoomAsync(scene.RoomId, "<b>Late</b> & \"show\"", htmx: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var heading = (await scene.GuestSocket.ReceiveUntilAsync(f => f.Target == "#room-heading"))[^1];
        Assert.Contains("<span class=\"room-name\">&lt;b&gt;Late&lt;/b&gt; &amp; &quot;show&quot;</span>", heading.Content, StringComparison.Ordinal);
        Assert.Contains($"<code class=\"room-id\">{scene.RoomId}</code>", heading.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("rename-form", heading.Content, StringComparison.Ordinal); // the form is the owner's alone
        var renamed = await json.ReceiveUntilAsync(e => Comuni.Type(e) == "room.renamed");
        var data = renamed[^1].GetProperty("data");
        Assert.Equal(scene.RoomId, data.GetProperty("id").GetString());
        Assert.Equal("<b>Late</b> & \"show\"", data.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Rename_Refused_TellsNoOne()
    {
        await using var scene = await RoomScene.StartAsync(factory);

        await scene.Guest.RenameRoomAsync(scene.RoomId, "Not mine", htmx: true); // the guest is not the owner
        await scene.Owner.RenameRoomAsync(scene.RoomId, "   ", htmx: true); // invalid
        await scene.OwnerSocket.SendMessageAsync("marker after the refusals");

        var frames = await scene.GuestSocket.ReceiveUntilTextAsync("marker after the refusals");
        Assert.DoesNotContain(frames, f => f.Target == "#room-heading");
        Assert.Null(await NameAsync(scene.RoomId));
    }

    [Theory]
    [InlineData("", "Type a name for the room.")]
    [InlineData("   ", "Type a name for the room.")]
    [InlineData("nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", "A room name is at most 60 characters.")]
    [InlineData("tab\there", "A room name must be plain text on one line, without control characters or broken characters.")]
    public async Task Rename_BadName_Returns400ProblemAndKeepsTheOldName(string name, string detail)
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        await owner.RenameRoomAsync(roomId, "Old name");

        var (response, body) = await owner.RenameRoomAsync(roomId, name);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(detail), body, StringComparison.Ordinal);
        Assert.Equal("Old name", await NameAsync(roomId));
    }

    [Fact]
    public async Task Rename_BrokenCharacterOnTheWire_Returns400AndKeepsTheOldName()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        await owner.RenameRoomAsync(roomId, "Old name");
        var token = await owner.TokenFromAsync("/about");
        // A browser that meets an unpaired surrogate sends U+FFFD (%EF%BF%BD) in its place (WHATWG Encoding, "UTF-8 encode").
        using var content = new StringContent($"name=bad%EF%BF%BDname&__RequestVerificationToken={Uri.EscapeDataString(token)}", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await owner.Client.PostAsync(new Uri($"/rooms/{roomId}/name", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Old name", await NameAsync(roomId));
    }

    [Fact]
    public async Task Rename_BadNameFromHtmx_KeepsTheTypedTextWithTheReason()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        var typed = "<b>" + new string('x', 60);

        var (response, body) = await owner.RenameRoomAsync(roomId, typed, htmx: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("A room name is at most 60 characters.", body, StringComparison.Ordinal);
        Assert.Contains($"value=\"&lt;b&gt;{new string('x', 60)}\"", body, StringComparison.Ordinal);
        Assert.Null(await NameAsync(roomId));
    }

    [Fact]
    public async Task Rename_SomeoneElsesRoom_Returns403_UnknownRoom404()
    {
        using var owner = await factory.SignedUpAsync();
        using var other = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();

        var (forbidden, _) = await other.RenameRoomAsync(roomId, "Mine now");
        var (missing, _) = await other.RenameRoomAsync("zzzzzzz", "Nowhere");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(await NameAsync(roomId));
        Assert.DoesNotContain("Rename", (await other.GetHtmlAsync($"/rooms/{roomId}")).Html, StringComparison.Ordinal);
    }

    private Task<string?> NameAsync(string roomId) =>
        factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == roomId).Select(r => r.Name).SingleAsync());
}
