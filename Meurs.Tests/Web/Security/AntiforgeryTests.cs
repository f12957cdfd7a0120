using System.Net;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Security;

/// <summary>Every state-changing form is refused without its antiforgery token, and nothing changes.</summary>
public sealed class AntiforgeryTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task PostSignUp_WithoutToken_Returns400AndCreatesNoUser()
    {
        using var browser = factory.NewBrowser();
        var username = "af" + Guid.NewGuid().ToString("N")[..10];

        var (response, _) = await browser.PostFormAsync("/signup",
            [new("_handler", "signup"), new("Input.Username", username), new("Input.Password", TestBrowser.DefaultPassword), new("Input.ConfirmPassword", TestBrowser.DefaultPassword)],
            tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(browser.HasAuthCookie);
        var normalized = username.ToUpperInvariant();
        Assert.Equal(0, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == normalized)));
    }

    [Fact]
    public async Task PostLogIn_WithoutToken_Returns400AndSignsNobodyIn()
    {
        using var owner = await factory.SignedUpAsync();
        using var browser = factory.NewBrowser();
        await browser.GetAsync("/login"); // a real visitor has the antiforgery cookie; only the form field is missing

        var (response, _) = await browser.PostFormAsync("/login",
            [new("_handler", "login"), new("Input.Username", owner.UserName), new("Input.Password", TestBrowser.DefaultPassword)],
            tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(browser.HasAuthCookie);
    }

    [Fact]
    public async Task PostLogOut_WithoutToken_Returns400AndKeepsTheSession()
    {
        using var browser = await factory.SignedUpAsync();
        await browser.GetAsync("/profile");

        var (response, _) = await browser.PostFormAsync("/logout", [], tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).StatusCode);
    }

    [Fact]
    public async Task PostLogOut_WithForeignToken_Returns400AndKeepsTheSession()
    {
        using var browser = await factory.SignedUpAsync();
        using var attacker = await factory.SignedUpAsync();
        var foreignToken = await attacker.TokenFromAsync("/profile");

        var (response, _) = await browser.PostFormAsync("/logout", [new("__RequestVerificationToken", foreignToken)], tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/profile")).StatusCode);
    }

    [Fact]
    public async Task PostCloseRoom_WithoutToken_Returns400AndRoomStaysOpen()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();

        var (response, _) = await owner.PostFormAsync($"/rooms/{roomId}/close", [new("confirm", "yes")], tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == roomId).Select(r => r.ClosedAt).SingleAsync()));
    }

    [Fact]
    public async Task PostLeaveAndRename_WithoutToken_Return400AndChangeNothing()
    {
        using var owner = await factory.SignedUpAsync();
        var roomId = await owner.CreateRoomAsync();
        await using var socket = await owner.JoinRoomAsync(roomId);
        await socket.SendMessageAsync("kept");
        await socket.ReceiveUntilTextAsync("kept");

        var (leave, _) = await owner.PostFormAsync($"/rooms/{roomId}/leave", [], tokenPage: null);
        var (rename, _) = await owner.PostFormAsync($"/rooms/{roomId}/name", [new("name", "forged")], tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, leave.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rename.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.Rooms.Where(r => r.Id == roomId).Select(r => r.Name).SingleAsync()));
        Assert.True(await factory.WithDbAsync(db => db.RoomMessages.AnyAsync(m => m.RoomId == roomId && m.Text == "kept")));
    }

    [Fact]
    public async Task PostCreateRoom_WithoutToken_Returns400AndCreatesNoRoom()
    {
        using var owner = await factory.SignedUpAsync();
        await owner.GetAsync("/rooms");
        var ownerId = await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == owner.UserName).Select(u => u.Id).SingleAsync());

        var (response, _) = await owner.PostFormAsync("/rooms", [new("_handler", "create-room")], tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Rooms.CountAsync(r => r.OwnerId == ownerId)));
    }
}
