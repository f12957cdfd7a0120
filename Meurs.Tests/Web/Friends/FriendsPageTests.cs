using System.Net;
using Meurs.Tests.Web.Servers;
using Meurs.Tests.Web.Support;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Tests.Web.Friends;

/// <summary>The /friends page, its htmx actions (antiforgery, refusals in place), the navigation's count and the layout's blocked list.</summary>
public sealed class FriendsPageTests(MeursFactory factory) : IClassFixture<MeursFactory>, IDisposable
{
    private readonly FriendsScene scene = new(factory);

    public void Dispose() => scene.Dispose();

    private async Task<Guid> IdOfAsync(TestBrowser browser) =>
        await factory.WithDbAsync(db => db.Users.Where(u => u.UserName == browser.UserName).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task Page_ShowsTheIncomingRequestAndTheCount_AcceptByHtmx_MakesThemFriends()
    {
        using var bob = await factory.SignedUpAsync();
        var alice = await scene.PersonAsync();
        var requestId = Guid.Parse(await scene.RequestAsync(alice, new FriendsPerson(bob.UserName, "", Guid.Empty)));

        var (page, html) = await bob.GetHtmlAsync("/friends");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"aria-label=\"Accept {alice.Name}\"", html, StringComparison.Ordinal);
        Assert.Matches("id=\"friend-requests-badge\"[^>]*data-count=\"1\"", html);

        var (answer, body) = await bob.PostPageAsync($"/friends/requests/{requestId:N}/accept", [new("action", "accept")], htmx: true);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("are friends now", body, StringComparison.Ordinal);
        Assert.Equal([bob.UserName], await scene.FriendNamesAsync(alice));
        var (_, after) = await bob.GetHtmlAsync("/friends");
        Assert.Matches("id=\"friend-requests-badge\"[^>]*data-count=\"0\"", after);
        Assert.Contains($"aria-label=\"Block {alice.Name}\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddFriend_Refusals_AreSentencesInPlace_AndWithoutTokenNothingHappens()
    {
        using var bob = await factory.SignedUpAsync();
        var alice = await scene.PersonAsync();

        var (self, selfBody) = await bob.PostPageAsync("/friends/requests", [new("username", bob.UserName)], htmx: true);
        var (unknown, unknownBody) = await bob.PostPageAsync("/friends/requests", [new("username", "nobody-" + Guid.NewGuid().ToString("N")[..6])], htmx: true);
        var (tokenless, _) = await bob.PostPageAsync("/friends/requests", [new("username", alice.Name)], htmx: true, token: false);

        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("role=\"alert\"", selfBody, StringComparison.Ordinal);
        Assert.Contains("yourself", selfBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("role=\"alert\"", unknownBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tokenless.StatusCode);
        Assert.Empty(await scene.RequestsAsync(alice));

        var (sent, sentBody) = await bob.PostPageAsync("/friends/requests", [new("username", alice.Name.ToUpperInvariant())], htmx: true);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("Friend request sent", sentBody, StringComparison.Ordinal);
        Assert.Single(await scene.RequestsAsync(alice));
    }

    [Fact]
    public async Task Actions_OnSomeoneElsesRequestOrANonFriend_404()
    {
        using var bob = await factory.SignedUpAsync();
        var alice = await scene.PersonAsync();
        var carol = await scene.PersonAsync();
        var id = Guid.Parse(await scene.RequestAsync(alice, carol));

        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostPageAsync($"/friends/requests/{id:N}/accept", [new("action", "accept")], htmx: true)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostPageAsync($"/friends/requests/{id:N}/decline", [new("action", "decline")], htmx: true)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostPageAsync($"/friends/requests/{id:N}/cancel", [new("action", "cancel")], htmx: true)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostPageAsync($"/friends/{alice.Id:N}/remove", [new("action", "remove")], htmx: true)).Response.StatusCode);
        Assert.Single(await scene.RequestsAsync(carol));
    }

    [Fact]
    public async Task Block_PutsTheirIdInTheLayoutOfEveryPage_UnblockTakesItOut()
    {
        using var bob = await factory.SignedUpAsync();
        var alice = await scene.PersonAsync();
        var aliceKey = alice.Id.ToString("N");

        var (blocked, _) = await bob.PostPageAsync($"/blocks/{aliceKey}", [new("action", "block")], htmx: true);

        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        var (_, communities) = await bob.GetHtmlAsync("/communities");
        Assert.Matches($"id=\"blocked-authors\"[^>]*data-ids=\"{aliceKey}\"", communities);
        Assert.Equal(HttpStatusCode.Forbidden, (await scene.SendAsync(alice, bob.UserName)).Status);

        var (unblocked, _) = await bob.PostPageAsync($"/blocks/{aliceKey}/delete", [new("action", "delete")], htmx: true);
        Assert.Equal(HttpStatusCode.OK, unblocked.StatusCode);
        var (_, again) = await bob.GetHtmlAsync("/communities");
        Assert.Matches("id=\"blocked-authors\"[^>]*data-ids=\"\"", again);
        Assert.DoesNotContain(aliceKey, again, StringComparison.Ordinal);
    }
}
