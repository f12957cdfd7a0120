using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Meurs.Tests.Web.Messages;
using Meurs.Tests.Web.Support;
using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.DirectMessages;
using Meurs.Web.Features.Friends;
using Meurs.Web.Features.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.DirectMessages;

/// <summary>
/// People for direct message tests, signed up through the real form with access tokens; friendships, blocks and shared
/// servers are written straight to the database (the friends and servers features own their use cases).
/// </summary>
public sealed class DmScene(MeursFactory factory) : IDisposable
{
    private readonly List<ScenePerson> people = [];

    public MeursFactory Factory => factory;

    /// <summary>A new person.</summary>
    public async Task<ScenePerson> PersonAsync(string prefix = "dm")
    {
        var browser = await factory.SignedUpAsync(prefix);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var id = db.Users.Single(u => u.UserName == browser.UserName).Id;
        var created = await scope.ServiceProvider.GetRequiredService<CreateAccessToken>().HandleAsync(id, "dm scene", null, CancellationToken.None);
        var person = new ScenePerson(browser, id, browser.UserName, created.Secret ?? throw new InvalidOperationException(created.Error));
        people.Add(person);
        return person;
    }

    /// <summary>Two new people who are friends.</summary>
    public async Task<(ScenePerson A, ScenePerson B)> FriendsAsync()
    {
        var a = await PersonAsync("dma");
        var b = await PersonAsync("dmb");
        await BefriendAsync(a, b);
        return (a, b);
    }

    public Task BefriendAsync(ScenePerson a, ScenePerson b) =>
        factory.WithDbAsync(async db =>
        {
            db.Friendships.AddRange(new Friendship { UserId = a.Id, FriendId = b.Id }, new Friendship { UserId = b.Id, FriendId = a.Id });
            return await db.SaveChangesAsync();
        });

    public Task BlockAsync(ScenePerson blocker, ScenePerson blocked) =>
        factory.WithDbAsync(async db =>
        {
            db.UserBlocks.Add(new UserBlock { BlockerId = blocker.Id, BlockedId = blocked.Id });
            return await db.SaveChangesAsync();
        });

    public Task FriendsOnlyAsync(ScenePerson person) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DirectMessagesFromFriendsOnly, true)));

    /// <summary>A server with <paramref name="members"/> and one text channel; returns (server, channel).</summary>
    public async Task<(Guid Server, Guid Channel)> ShareAServerAsync(params ScenePerson[] members)
    {
        var server = new Server { Name = "Shared", OwnerId = members[0].Id };
        var everyone = new ServerRole { ServerId = server.Id, Name = ServerRole.EveryoneName, Position = 0, Permissions = Permissions.EveryoneDefault, IsEveryone = true };
        var channel = new ServerChannel { ServerId = server.Id, Name = "general", Type = ChannelType.Text };
        await factory.WithDbAsync(async db =>
        {
            db.Servers.Add(server);
            db.ServerRoles.Add(everyone);
            db.ServerChannels.Add(channel);
            db.ServerMembers.AddRange(members.Select(m => new ServerMember { ServerId = server.Id, UserId = m.Id }));
            return await db.SaveChangesAsync();
        });
        return (server.Id, channel.Id);
    }

    /// <summary>Sends a direct message through the API and returns its JSON (asserting 201).</summary>
    public static async Task<JsonElement> SendAsync(ApiClient api, ScenePerson from, ScenePerson to, string content)
    {
        ArgumentNullException.ThrowIfNull(api);
        var response = await api.PostJsonAsync($"/api/dms/{to.Id}", new { content }, from.Token);
        Assert.True(response.Status == HttpStatusCode.Created, $"sending answered {(int)response.Status}: {response.Detail}");
        return response.Json!.Value;
    }

    /// <summary>The one-to-one conversation of two people (asserting there is one).</summary>
    public Task<Guid> ConversationOfAsync(ScenePerson a, ScenePerson b) =>
        factory.WithDbAsync(db => db.Conversations.Where(c => c.PairKey == Conversation.PairKeyOf(a.Id, b.Id)).Select(c => c.ChannelId).SingleAsync());

    /// <summary>Runs <paramref name="action"/> with a use case of a fresh scope.</summary>
    public async Task<T> UseAsync<TCase, T>(Func<TCase, Task<T>> action) where TCase : notnull
    {
        using var scope = factory.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<TCase>());
    }

    public static MultipartFormDataContent Files(params (string Name, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "file", name);
        }
        return content;
    }

    public void Dispose()
    {
        foreach (var person in people)
        {
            person.Browser.Dispose();
        }
    }
}
