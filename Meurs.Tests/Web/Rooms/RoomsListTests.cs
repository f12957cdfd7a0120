using System.Net;
using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Rooms;

/// <summary>The Rooms page lists the rooms one has joined, not only those one owns; closing a room asks first.</summary>
public sealed partial class RoomsListTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task RoomsPage_ListsJoinedAndOwnRooms_WithNameIdOwnerAndState_NotOthers()
    {
        using var ann = await factory.SignedUpAsync("ann");
        using var bob = await factory.SignedUpAsync("bob");
        var (created, _) = await ann.CreateNamedRoomAsync("Ann's den");
        var annsRoom = created.Headers.Location!.ToString().Split('/')[^1];
        var annsOther = await ann.CreateRoomAsync();
        var bobsRoom = await bob.CreateRoomAsync();
        await using (await bob.JoinRoomAsync(annsRoom))
        {
        }

        var rows = Rows((await bob.GetHtmlAsync("/rooms")).Html);

        Assert.Equal(["Ann's den", annsRoom, ann.UserName, "open"], rows[annsRoom]);
        Assert.Equal([$"Room {bobsRoom}", bobsRoom, "you", "open"], rows[bobsRoom]);
        Assert.False(rows.ContainsKey(annsOther), "a room Bob never joined is not his");

        Assert.Equal(HttpStatusCode.Redirect, (await ann.CloseRoomAsync(annsRoom)).StatusCode);
        Assert.Equal("closed", Rows((await bob.GetHtmlAsync("/rooms")).Html)[annsRoom][3]);
    }

    [Fact]
    public async Task Close_WithoutConfirmation_Returns400AndRoomStaysOpen()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();

        var response = await owner.CloseRoomAsync(roomId, confirmed: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == roomId).Select(r => r.ClosedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/rooms/{roomId}")).StatusCode);
    }

    [Fact]
    public async Task RoomPage_CloseButtonOnlyOpensTheConfirmationDialog()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();

        var (_, html) = await owner.GetHtmlAsync($"/rooms/{roomId}");

        Assert.Contains("<button type=\"button\" class=\"danger\" data-open-dialog=\"close-dialog\">Close room</button>", html, StringComparison.Ordinal);
        var dialog = DialogRegex().Match(html);
        Assert.True(dialog.Success, "no confirmation dialog");
        Assert.Contains($"action=\"/rooms/{roomId}/close\"", dialog.Value, StringComparison.Ordinal);
        Assert.Matches("<input type=\"hidden\" name=\"confirm\" value=\"yes\" ?/?>", dialog.Value);
        Assert.Single(Regex.Matches(html, $"action=\"/rooms/{roomId}/close\""));
    }

    [Fact]
    public async Task RoomPage_EveryIdIsUnique()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();

        var (_, html) = await owner.GetHtmlAsync($"/rooms/{roomId}");

        // Scripts find the call panel, the composer and the tabs' panels by id: a duplicate breaks one of them.
        var ids = Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("call-panel", ids);
        Assert.Empty(ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    // Room id -> the cells of its row (name, id, owner, state), from the "Your rooms" table.
    private static Dictionary<string, string[]> Rows(string html) =>
        RowRegex().Matches(html).ToDictionary(
            m => m.Groups[1].Value,
            m => CellRegex().Matches(m.Groups[2].Value).Select(c => WebUtility.HtmlDecode(TagRegex().Replace(c.Groups[1].Value, "").Trim())).ToArray());

    [GeneratedRegex("<tr data-room-id=\"([^\"]+)\"[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowRegex();

    [GeneratedRegex("<td>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex CellRegex();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();

    [GeneratedRegex("<dialog id=\"close-dialog\".*?</dialog>", RegexOptions.Singleline)]
    private static partial Regex DialogRegex();
}
