using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Servers;
using Microsoft.EntityFrameworkCore;
using static Meurs.Tests.Web.Servers.ServerScene;

namespace Meurs.Tests.Web.Servers;

/// <summary>The Chat system's test_channels.py, ported: categories, channels, channel permissions and mute.</summary>
public sealed class ChannelsApiTests(MeursFactory factory) : IClassFixture<MeursFactory>
{
    [Fact]
    public async Task CreateCategory_201()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        var data = await scene.ExpectAsync("POST", $"/api/servers/{id}/categories", alice.Token, new { title = "Text Channels" }, HttpStatusCode.Created);

        Assert.Equal("Text Channels", Str(data, "title"));
        Assert.Equal(0, data.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task CreateCategory_NonAdmin_403()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);

        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/categories", bob.Token, new { title = "X" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ListCategories_200_InOrder()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/categories", alice.Token, new { title = "Cat A" }, HttpStatusCode.Created);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/categories", alice.Token, new { title = "Cat B" }, HttpStatusCode.Created);

        var list = await scene.ExpectAsync("GET", $"/api/servers/{id}/categories", bob.Token, null, HttpStatusCode.OK);

        Assert.Equal(["Cat A", "Cat B"], list.EnumerateArray().Select(c => Str(c, "title")));
    }

    [Fact]
    public async Task UpdateCategory_200()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var cat = await scene.ExpectAsync("POST", $"/api/servers/{id}/categories", alice.Token, new { title = "Old" }, HttpStatusCode.Created);

        var data = await scene.ExpectAsync("PATCH", $"/api/servers/{id}/categories/{Id(cat)}", alice.Token, new { title = "New" }, HttpStatusCode.OK);

        Assert.Equal("New", Str(data, "title"));
    }

    [Fact]
    public async Task DeleteCategory_204_ItsChannelsStayWithoutCategory()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var cat = await scene.ExpectAsync("POST", $"/api/servers/{id}/categories", alice.Token, new { title = "Gone" }, HttpStatusCode.Created);
        var channel = await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "kept", category_id = Id(cat) }, HttpStatusCode.Created);

        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/categories/{Id(cat)}", alice.Token, null, HttpStatusCode.NoContent);

        var stored = await factory.WithDbAsync(db => db.ServerChannels.SingleAsync(c => c.Id == Id(channel)));
        Assert.Null(stored.CategoryId);
        Assert.Equal(2, stored.Position); // after general and General
    }

    [Fact]
    public async Task UpdateCategory_NotFound_404()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        Problem(await scene.SendAsync("PATCH", $"/api/servers/{id}/categories/{Guid.NewGuid()}", alice.Token, new { title = "New" }), HttpStatusCode.NotFound);
        Problem(await scene.SendAsync("PATCH", $"/api/servers/{id}/categories/99999", alice.Token, new { title = "New" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReorderCategory_MovesItsChannelsWithIt()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var a = await scene.ExpectAsync("POST", $"/api/servers/{id}/categories", alice.Token, new { title = "A" }, HttpStatusCode.Created);
        var b = await scene.ExpectAsync("POST", $"/api/servers/{id}/categories", alice.Token, new { title = "B" }, HttpStatusCode.Created);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "in-b", category_id = Id(b) }, HttpStatusCode.Created);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "in-a", category_id = Id(a) }, HttpStatusCode.Created);

        var moved = await scene.ExpectAsync("PATCH", $"/api/servers/{id}/categories/{Id(b)}", alice.Token, new { position = 0 }, HttpStatusCode.OK);

        Assert.Equal(0, moved.GetProperty("position").GetInt32());
        Assert.Equal(["general", "General", "in-b", "in-a"], await scene.ChannelTitlesAsync(id, alice));
    }

    [Fact]
    public async Task CreateTextChannel_201()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        var data = await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "general", type = "text", description = "chat" }, HttpStatusCode.Created);

        Assert.Equal("general", Str(data, "title"));
        Assert.Equal("text", Str(data, "type"));
        Assert.Equal("chat", Str(data, "description"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("category_id").ValueKind);
    }

    [Fact]
    public async Task CreateVoiceChannel_201()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);

        var data = await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "Voice", type = "voice" }, HttpStatusCode.Created);

        Assert.Equal("voice", Str(data, "type"));
    }

    [Fact]
    public async Task CreateChannel_WithCategory_201()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var cat = await scene.ExpectAsync("POST", $"/api/servers/{id}/categories", alice.Token, new { title = "Cat" }, HttpStatusCode.Created);

        var data = await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "c", category_id = Id(cat) }, HttpStatusCode.Created);

        Assert.Equal(Id(cat), Id(data, "category_id"));
        Assert.Equal(0, data.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task CreateChannel_NonAdmin_403()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);

        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/channels", bob.Token, new { title = "x" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ListChannels_AsMember_200()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "alpha" }, HttpStatusCode.Created);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "beta", type = "voice" }, HttpStatusCode.Created);

        var titles = await scene.ChannelTitlesAsync(id, bob);

        Assert.Contains("alpha", titles);
        Assert.Contains("beta", titles);
    }

    [Fact]
    public async Task ListChannels_HidesChannelsTheCallerCannotSee()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var carol = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob, carol);
        var staff = await scene.GrantAsync(id, alice, carol, "Staff", 0);
        var secret = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "secret" }, HttpStatusCode.Created));
        var everyone = Id(await scene.RoleAsync(id, alice, "@everyone"));
        await scene.ExpectAsync("PUT", $"/api/servers/{id}/channels/{secret}/permissions/{everyone}", alice.Token, new { can_read = false }, HttpStatusCode.OK);
        await scene.ExpectAsync("PUT", $"/api/servers/{id}/channels/{secret}/permissions/{staff}", alice.Token, new { can_read = true }, HttpStatusCode.OK);

        Assert.DoesNotContain("secret", await scene.ChannelTitlesAsync(id, bob));
        Assert.Contains("secret", await scene.ChannelTitlesAsync(id, carol));
        Assert.Contains("secret", await scene.ChannelTitlesAsync(id, alice));
        // What bob cannot see does not exist for him.
        Problem(await scene.SendAsync("POST", $"/api/servers/{id}/channels/{secret}/mute", bob.Token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpdateChannel_200_AndMoveBetweenCategories()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var cat = await scene.ExpectAsync("POST", $"/api/servers/{id}/categories", alice.Token, new { title = "Cat" }, HttpStatusCode.Created);
        var channel = await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "old-name" }, HttpStatusCode.Created);

        var data = await scene.ExpectAsync("PATCH", $"/api/servers/{id}/channels/{Id(channel)}", alice.Token, new { title = "new-name", category_id = Id(cat) }, HttpStatusCode.OK);

        Assert.Equal("new-name", Str(data, "title"));
        Assert.Equal(Id(cat), Id(data, "category_id"));
        var back = await scene.ExpectAsync("PATCH", $"/api/servers/{id}/channels/{Id(channel)}", alice.Token, new { category_id = (Guid?)null }, HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, back.GetProperty("category_id").ValueKind);
        Assert.Equal(2, back.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task ReorderChannel_ByPosition()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var channel = await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "third" }, HttpStatusCode.Created);

        await scene.ExpectAsync("PATCH", $"/api/servers/{id}/channels/{Id(channel)}", alice.Token, new { position = 0 }, HttpStatusCode.OK);

        Assert.Equal(["third", "general", "General"], await scene.ChannelTitlesAsync(id, alice));
        Problem(await scene.SendAsync("PATCH", $"/api/servers/{id}/channels/{Id(channel)}", alice.Token, new { position = 7 }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeleteChannel_204()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var channel = await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "doomed" }, HttpStatusCode.Created);

        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/channels/{Id(channel)}", alice.Token, null, HttpStatusCode.NoContent);

        Assert.DoesNotContain("doomed", await scene.ChannelTitlesAsync(id, alice));
    }

    [Fact]
    public async Task SetChannelPermission_200_CanWriteFalse()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var channel = await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "announcements" }, HttpStatusCode.Created);
        var everyone = Id(await scene.RoleAsync(id, alice, "@everyone"));

        var data = await scene.ExpectAsync("PUT", $"/api/servers/{id}/channels/{Id(channel)}/permissions/{everyone}", alice.Token,
            new { can_read = true, can_write = false }, HttpStatusCode.OK);

        Assert.False(data.GetProperty("can_write").GetBoolean());
        Assert.True(data.GetProperty("can_read").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("can_edit").ValueKind);
        Assert.Equal(((long)Permissions.SendMessages).ToString(System.Globalization.CultureInfo.InvariantCulture), Str(data, "deny"));
        Assert.Equal(everyone, Id(data, "role_id"));
    }

    [Fact]
    public async Task SetChannelPermission_AllowAndDenyBits_AndNothingRemovesIt()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var channel = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "c" }, HttpStatusCode.Created));
        var everyone = Id(await scene.RoleAsync(id, alice, "@everyone"));

        await scene.ExpectAsync("PUT", $"/api/servers/{id}/channels/{channel}/permissions/{everyone}", alice.Token, new { allow = "8192", deny = "2048" }, HttpStatusCode.OK);
        var stored = await factory.WithDbAsync(db => db.ChannelOverrides.SingleAsync(o => o.ChannelId == channel));
        Assert.Equal((Permissions.ManageMessages, Permissions.SendMessages), (stored.Allow, stored.Deny));
        await scene.ExpectAsync("PUT", $"/api/servers/{id}/channels/{channel}/permissions/{everyone}", alice.Token, new { allow = "0", deny = "0" }, HttpStatusCode.OK);

        Assert.False(await factory.WithDbAsync(db => db.ChannelOverrides.AnyAsync(o => o.ChannelId == channel)));
        Problem(await scene.SendAsync("PUT", $"/api/servers/{id}/channels/{channel}/permissions/{everyone}", alice.Token, new { allow = "2048", deny = "2048" }), HttpStatusCode.BadRequest);
        Problem(await scene.SendAsync("PUT", $"/api/servers/{id}/channels/{channel}/permissions/{everyone}", alice.Token, new { allow = "8" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ListChannelPermissions_200()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var channel = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "c" }, HttpStatusCode.Created));
        var everyone = Id(await scene.RoleAsync(id, alice, "@everyone"));
        await scene.ExpectAsync("PUT", $"/api/servers/{id}/channels/{channel}/permissions/{everyone}", alice.Token, new { can_write = false }, HttpStatusCode.OK);

        var list = await scene.ExpectAsync("GET", $"/api/servers/{id}/channels/{channel}/permissions", alice.Token, null, HttpStatusCode.OK);

        Assert.True(list.GetArrayLength() >= 1);
    }

    [Fact]
    public async Task MuteAndUnmuteChannel_204()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var channel = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "noisy" }, HttpStatusCode.Created));

        await scene.ExpectAsync("POST", $"/api/servers/{id}/channels/{channel}/mute", bob.Token, null, HttpStatusCode.NoContent);
        Assert.True(await factory.WithDbAsync(db => db.ChannelMemberStates.AnyAsync(s => s.ChannelId == channel && s.UserId == bob.Id && s.Muted)));
        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/channels/{channel}/mute", bob.Token, null, HttpStatusCode.NoContent);

        Assert.False(await factory.WithDbAsync(db => db.ChannelMemberStates.AnyAsync(s => s.ChannelId == channel && s.UserId == bob.Id && s.Muted)));
    }

    [Fact]
    public async Task Mute_Idempotent_204()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice);
        var channel = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/channels", alice.Token, new { title = "noisy" }, HttpStatusCode.Created));

        await scene.ExpectAsync("POST", $"/api/servers/{id}/channels/{channel}/mute", alice.Token, null, HttpStatusCode.NoContent);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/channels/{channel}/mute", alice.Token, null, HttpStatusCode.NoContent);
        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/channels/{channel}/mute", alice.Token, null, HttpStatusCode.NoContent);
        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/channels/{channel}/mute", alice.Token, null, HttpStatusCode.NoContent);

        Assert.Equal(1, await factory.WithDbAsync(db => db.ChannelMemberStates.CountAsync(s => s.ChannelId == channel)));
    }

    [Fact]
    public async Task CollapseAndExpandCategory_PerPerson_Idempotent()
    {
        using var scene = new ServerScene(factory);
        var alice = await scene.UserAsync();
        var bob = await scene.UserAsync();
        var id = await scene.ServerWithAsync(alice, bob);
        var cat = Id(await scene.ExpectAsync("POST", $"/api/servers/{id}/categories", alice.Token, new { title = "Cat" }, HttpStatusCode.Created));

        await scene.ExpectAsync("POST", $"/api/servers/{id}/categories/{cat}/collapse", bob.Token, null, HttpStatusCode.NoContent);
        await scene.ExpectAsync("POST", $"/api/servers/{id}/categories/{cat}/collapse", bob.Token, null, HttpStatusCode.NoContent);

        var forBob = await scene.ExpectAsync("GET", $"/api/servers/{id}/categories", bob.Token, null, HttpStatusCode.OK);
        var forAlice = await scene.ExpectAsync("GET", $"/api/servers/{id}/categories", alice.Token, null, HttpStatusCode.OK);
        Assert.True(forBob[0].GetProperty("collapsed").GetBoolean());
        Assert.False(forAlice[0].GetProperty("collapsed").GetBoolean());
        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/categories/{cat}/collapse", bob.Token, null, HttpStatusCode.NoContent);
        await scene.ExpectAsync("DELETE", $"/api/servers/{id}/categories/{cat}/collapse", bob.Token, null, HttpStatusCode.NoContent);
        Assert.False((await scene.ExpectAsync("GET", $"/api/servers/{id}/categories", bob.Token, null, HttpStatusCode.OK))[0].GetProperty("collapsed").GetBoolean());
    }
}
