using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Realtime;
using static Meurs.Tests.Web.Profiles.ProfileScene;

namespace Meurs.Tests.Web.Profiles;

/// <summary>
/// The settings page's forms (they call the API's use cases), the profile card fragment, and names shown through the
/// shared PersonName component (a message author opens the card).
/// </summary>
public sealed class ProfilePagesTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task EditForm_SavesTheProfile_AndThePageShowsIt()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var (response, html) = await PostProfileFormAsync(alice.Browser, "/profile/edit",
            ("display_name", " Alice Page "), ("about", "Line one\r\nLine two"), ("custom_status", "on a walk"), ("dm_friends_only", "true"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Saved.", html, StringComparison.Ordinal);
        var (_, page) = await alice.Browser.GetHtmlAsync("/profile");
        Assert.Contains("Alice Page", page, StringComparison.Ordinal);
        Assert.Matches("Line one(\n|&#xA;)Line two", page);
        Assert.Contains("on a walk", page, StringComparison.Ordinal);
        Assert.Matches("name=\"dm_friends_only\" value=\"true\" checked", page);
        var me = Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK);
        Assert.True(me.GetProperty("dm_friends_only").GetBoolean());
    }

    [Fact]
    public async Task EditForm_FieldsNotSent_AreLeftAsTheyWere_AndTheCheckboxCanBeCleared()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        Expect(await scene.PatchAsync(alice.Token, new { about = "keep me", custom_status = "keep this too", dm_friends_only = true }), HttpStatusCode.OK);

        var (response, html) = await PostProfileFormAsync(alice.Browser, "/profile/edit", ("display_name", "Only The Name"));
        var (cleared, _) = await PostProfileFormAsync(alice.Browser, "/profile/edit", ("dm_friends_only", "false"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var me = Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK);
        Assert.Equal(("Only The Name", "keep me", "keep this too"), (Str(me, "display_name"), Str(me, "about"), Str(me, "custom_status")));
        Assert.False(me.GetProperty("dm_friends_only").GetBoolean());
    }

    [Theory]
    [InlineData("display_name", "123456789012345678901234567890123", "at most 32")]
    [InlineData("custom_status", "tab\there", "control characters")]
    public async Task EditForm_BadInput_400WithTheReason_AndNothingChanges(string field, string value, string reason)
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var (response, html) = await PostProfileFormAsync(alice.Browser, "/profile/edit", (field, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        var me = Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK);
        Assert.Equal("", Str(me, "custom_status"));
    }

    [Fact]
    public async Task EditForm_WithoutAntiforgeryToken_IsRefused()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var (response, _) = await alice.Browser.PostFormAsync("/profile/edit", [new("display_name", "sneaky")], tokenPage: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(JsonValueKindNull, Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK).GetProperty("display_name").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task AvatarForm_StoresTheAvatar_AndRefusesATextFileNamedPng()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        var (refused, refusedHtml) = await PostAvatarFormAsync(alice.Browser, "not an image"u8.ToArray());
        var (response, _) = await PostAvatarFormAsync(alice.Browser, TestImages.Png(300, 200));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("PNG, JPEG, GIF or WebP", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", response.Headers.GetValues("HX-Refresh").Single());
        var avatar = Str(Expect(await scene.MeAsync(alice.Token), HttpStatusCode.OK), "avatar")!;
        var (_, page) = await alice.Browser.GetHtmlAsync("/profile");
        Assert.Contains($"src=\"{avatar}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsernameForm_Renames_KeepsThisBrowserSignedIn_AndSignsOutTheOthers()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        using var elsewhere = factory.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.LogInAsync(alice.Name, TestBrowser.DefaultPassword)).Response.StatusCode);
        var fresh = "page" + Guid.NewGuid().ToString("N")[..8];

        var (response, html) = await PostProfileFormAsync(alice.Browser, "/profile/username", ("username", fresh));

        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var (page, text) = await alice.Browser.GetHtmlAsync("/profile");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(fresh, text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/profile")).StatusCode);
    }

    [Fact]
    public async Task UsernameForm_TakenInAnotherCase_409()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        using var bob = await scene.PersonAsync();

        var (response, html) = await PostProfileFormAsync(bob.Browser, "/profile/username", ("username", alice.Name.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("is taken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogOutEverywhere_EndsEveryBrowserSessionAndItsSockets()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        using var elsewhere = factory.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.LogInAsync(alice.Name, TestBrowser.DefaultPassword)).Response.StatusCode);
        await using var socket = await elsewhere.ConnectAsync("/ws/me");

        var (response, _) = await alice.Browser.PostFormAsync("/profile/sessions/end", [], "/profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(SocketSessions.SessionEnded, await socket.ReceiveCloseAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await alice.Browser.GetAsync("/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scene.MeAsync(alice.Token)).Status);
    }

    [Fact]
    public async Task Card_ShowsTheProfile_AboutAsPlainText()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        using var bob = await scene.PersonAsync();
        Expect(await scene.PatchAsync(alice.Token, new { display_name = "Alice Card", about = "**not bold** <b>tag</b>", custom_status = "coding" }), HttpStatusCode.OK);

        var (response, html) = await bob.Browser.GetHtmlAsync($"/people/{alice.Id:N}/card");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Alice Card", html, StringComparison.Ordinal);
        Assert.Contains(alice.Name, html, StringComparison.Ordinal);
        Assert.Contains("coding", html, StringComparison.Ordinal);
        Assert.Contains("**not bold** &lt;b&gt;tag&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>", html, StringComparison.Ordinal);
        Assert.Contains("Member since", html, StringComparison.Ordinal);
        Assert.Contains("avatar-default", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("nobody")]
    public async Task Card_UnknownOrMalformedId_404(string id)
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await alice.Browser.GetAsync($"/people/{id}/card")).StatusCode);
    }

    [Fact]
    public async Task Card_Anonymous_IsNotShown()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        using var visitor = factory.NewBrowser();

        var response = await visitor.GetAsync($"/people/{alice.Id:N}/card");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ChannelPage_MessageAuthor_ShowsTheDisplayNameAndAvatar_AndOpensTheirCard()
    {
        using var scene = new ProfileScene(factory);
        using var alice = await scene.PersonAsync();
        using var bob = await scene.PersonAsync();
        Expect(await scene.PatchAsync(bob.Token, new { display_name = "Bobby Tables" }), HttpStatusCode.OK);
        Expect(await scene.UploadAsync(bob.Token, TestImages.Png(64, 64)), HttpStatusCode.OK);
        var (serverId, channelId) = await ChannelScene.ServerWithMessageAsync(scene, alice, bob, "hello from bob");

        var (response, html) = await alice.Browser.GetHtmlAsync($"/servers/{serverId:N}/channels/{channelId:N}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("hello from bob", html, StringComparison.Ordinal);
        Assert.Contains($"hx-get=\"/people/{bob.Id:N}/card\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"person-name\">Bobby Tables</span>", html, StringComparison.Ordinal);
        Assert.Matches("<img class=\"avatar avatar-s\" src=\"/avatars/[0-9a-f]{32}\\.png\"", html);
        Assert.Contains("id=\"profile-card\"", html, StringComparison.Ordinal);
    }
}
