using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Servers;

namespace Meurs.Tests.Web.Messages;

/// <summary>The channel sockets: <c>/api/ws/channels/{id}</c> for programs and <c>/ws/channels/{id}</c> for pages.</summary>
public sealed class ChannelSocketTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    [Fact]
    public async Task ApiSocket_MessageSentThroughRest_SubscriberGetsMessageCreated()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        await using var socket = await JsonRoomSocket.ConnectAsync(factory, $"/api/ws/channels/{scene.ChannelId}", scene.Member.Name, scene.Member.Token);
        var history = await socket.ReceiveAsync();

        await scene.SendAsync(api, scene.Owner, "broadcast test");
        var created = (await socket.ReceiveUntilAsync(e => Type(e) == "message.created"))[^1];

        Assert.Equal("message.history", Type(history));
        Assert.Equal("broadcast test", created.GetProperty("data").GetProperty("content").GetString());
        Assert.Equal(scene.Owner.Name, created.GetProperty("data").GetProperty("author").GetProperty("username").GetString());
    }

    [Fact]
    public async Task ApiSocket_EditReactPinDelete_EachArrivesAsItsEvent()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var id = (await scene.SendAsync(api, scene.Owner, "first")).GetProperty("id").GetString();
        await using var socket = await JsonRoomSocket.ConnectAsync(factory, $"/api/ws/channels/{scene.ChannelId}", scene.Member.Name, scene.Member.Token);
        var history = await socket.ReceiveAsync();

        await api.SendAsync(HttpMethod.Patch, $"{scene.Messages}/{id}", scene.Owner.Token, JsonContent("{\"content\":\"second\"}"));
        await api.SendAsync(HttpMethod.Post, $"{scene.Messages}/{id}/reactions/{Uri.EscapeDataString("🎉")}", scene.Admin.Token, null);
        await api.SendAsync(HttpMethod.Delete, $"{scene.Messages}/{id}/reactions/{Uri.EscapeDataString("🎉")}", scene.Admin.Token, null);
        await api.SendAsync(HttpMethod.Post, $"{scene.Messages}/{id}/pin", scene.Owner.Token, null);
        await api.SendAsync(HttpMethod.Delete, $"{scene.Messages}/{id}", scene.Owner.Token, null);
        var events = await socket.ReceiveUntilAsync(e => Type(e) == "message.deleted");

        Assert.Equal(id, history.GetProperty("data").GetProperty("messages")[0].GetProperty("id").GetString());
        Assert.Equal(["message.updated", "reaction.added", "reaction.removed", "message.pinned", "message.deleted"], events.Select(Type));
        Assert.Equal("second", events[0].GetProperty("data").GetProperty("content").GetString());
        Assert.Equal("🎉", events[1].GetProperty("data").GetProperty("emoji").GetString());
        Assert.Equal(scene.Admin.Name, events[1].GetProperty("data").GetProperty("username").GetString());
        Assert.Equal(id, events[4].GetProperty("data").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ApiSocket_ResumeAfterSeq_GetsOnlyMissedMessages()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var first = await scene.SendAsync(api, scene.Owner, "seen");
        await scene.SendAsync(api, scene.Owner, "missed");

        await using var socket = await JsonRoomSocket.ConnectAsync(factory, $"/api/ws/channels/{scene.ChannelId}?after={first.GetProperty("seq").GetInt64()}", scene.Member.Name, scene.Member.Token);
        var missed = await socket.ReceiveAsync();

        Assert.Equal("message.created", Type(missed));
        Assert.Equal("missed", missed.GetProperty("data").GetProperty("content").GetString());
    }

    [Fact]
    public async Task ApiSocket_SendCommand_RefusedUseRest_TypingReachesOthers()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        await using var member = await JsonRoomSocket.ConnectAsync(factory, $"/api/ws/channels/{scene.ChannelId}", scene.Member.Name, scene.Member.Token);
        await using var admin = await JsonRoomSocket.ConnectAsync(factory, $"/api/ws/channels/{scene.ChannelId}", scene.Admin.Name, scene.Admin.Token);
        await member.ReceiveAsync();
        await admin.ReceiveAsync();

        await member.SendJsonAsync(new { type = "send", content = "hi" });
        var error = await member.ReceiveAsync();
        await member.SendJsonAsync(new { type = "typing" });
        var typing = await admin.ReceiveAsync();

        Assert.Equal("error", Type(error));
        Assert.Equal("use_rest", error.GetProperty("code").GetString());
        Assert.Equal("typing.started", Type(typing));
        Assert.Equal(scene.Member.Name, typing.GetProperty("data").GetProperty("username").GetString());
    }

    [Fact]
    public async Task Sockets_Refused_NoView404_NonMember403_InviteOnly404()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var closed = await ChannelScene.CreateAsync(factory, inviteOnly: true);

        var outsider = await JsonRoomSocket.RefusedStatusAsync(factory, $"/api/ws/channels/{scene.ChannelId}", "Bearer " + scene.Outsider.Token);
        var hidden = await JsonRoomSocket.RefusedStatusAsync(factory, $"/api/ws/channels/{closed.ChannelId}", "Bearer " + closed.Outsider.Token);
        var unknown = await JsonRoomSocket.RefusedStatusAsync(factory, $"/api/ws/channels/{Guid.NewGuid()}", "Bearer " + scene.Member.Token);
        await scene.SetEveryoneAsync(Permissions.None);
        var noView = await TestSocket.RefusedStatusAsync(factory, $"/ws/channels/{scene.ChannelId}", scene.Member.Browser.CookieHeader);

        Assert.Equal(403, outsider);
        Assert.Equal(404, hidden);
        Assert.Equal(404, unknown);
        Assert.Equal(404, noView);
    }

    [Fact]
    public async Task PageSocket_SendFromForm_EveryoneGetsTheMessageViewAndSenderAnEmptyComposer()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        await using var sender = await scene.Member.Browser.ConnectAsync($"/ws/channels/{scene.ChannelId}");
        await using var reader = await scene.Owner.Browser.ConnectAsync($"/ws/channels/{scene.ChannelId}");
        var list = await reader.ReceiveAsync();
        await sender.ReceiveAsync();

        await sender.SendTextAsync(JsonSerializer.Serialize(new { content = "**hello** <script>x</script>", reply_to = "", headers = new Dictionary<string, string> { ["HX-Request"] = "true" } }));
        var pushed = (await reader.ReceiveUntilAsync(f => f.Target == "#channel-messages"))[^1];
        var composer = (await sender.ReceiveUntilAsync(f => f.Target == "#channel-composer"))[^1];

        Assert.Equal("#channel-messages", list.Target);
        Assert.Equal("outerHTML", list.Swap);
        Assert.Equal("beforeend", pushed.Swap);
        Assert.Contains("<strong>hello</strong>", pushed.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", pushed.Content, StringComparison.Ordinal);
        Assert.Contains($"data-author=\"{scene.Member.Id:N}\"", pushed.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>", composer.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("hello", composer.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageSocket_SendWithoutSendMessages_ComposerKeepsTextWithReason()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        await scene.SetEveryoneAsync(Permissions.ViewChannel);
        await using var sender = await scene.Member.Browser.ConnectAsync($"/ws/channels/{scene.ChannelId}");
        await sender.ReceiveAsync();

        await sender.SendTextAsync(JsonSerializer.Serialize(new { content = "let me talk" }));
        var composer = (await sender.ReceiveUntilAsync(f => f.Target == "#channel-composer"))[^1];

        Assert.Contains("let me talk", composer.Content, StringComparison.Ordinal);
        Assert.Contains("permission", composer.Content, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Messages, m => m.ChannelId == scene.ChannelId)));
    }

    [Fact]
    public async Task PageSocket_ReactToggleAndEditOthers_UpdatesInPlaceOrRefusesInNotice()
    {
        using var scene = await ChannelScene.CreateAsync(factory);
        using var api = ApiClient.For(factory);
        var id = (await scene.SendAsync(api, scene.Owner, "owner's")).GetProperty("id").GetGuid();
        await using var page = await scene.Member.Browser.ConnectAsync($"/ws/channels/{scene.ChannelId}");
        await page.ReceiveAsync();

        await page.SendTextAsync(JsonSerializer.Serialize(new { type = "react", message_id = id.ToString("N"), emoji = "👍" }));
        var reacted = (await page.ReceiveUntilAsync(f => f.Target == $"#m-{id:N}"))[^1];
        await page.SendTextAsync(JsonSerializer.Serialize(new { type = "react", message_id = id.ToString("N"), emoji = "👍" }));
        var toggled = (await page.ReceiveUntilAsync(f => f.Target == $"#m-{id:N}"))[^1];
        await page.SendTextAsync(JsonSerializer.Serialize(new { type = "edit", message_id = id.ToString("N"), content = "hijack" }));
        var notice = (await page.ReceiveUntilAsync(f => f.Target == "#channel-notice"))[^1];

        Assert.Equal("outerHTML", reacted.Swap);
        Assert.Contains("reaction-chip", reacted.Content, StringComparison.Ordinal);
        Assert.Contains(scene.Member.Name, reacted.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("reaction-chip", toggled.Content, StringComparison.Ordinal);
        Assert.Contains("own", notice.Content, StringComparison.Ordinal);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
