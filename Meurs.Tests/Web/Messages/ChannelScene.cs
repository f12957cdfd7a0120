using System.Net;
using System.Text.Json;
using Meurs.Tests.Web.Support;
using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Messages;

/// <summary>One signed-up person of a scene: their browser (cookies), id, name and bearer token.</summary>
public sealed record ScenePerson(TestBrowser Browser, Guid Id, string Name, string Token);

/// <summary>
/// A server set up directly in the database (not through the server use cases, which another feature owns): an owner,
/// an Admin (holding the built-in Admin role), a plain member, an outsider who has not joined, the @everyone role with
/// <see cref="Permissions.EveryoneDefault"/>, and one text channel. People sign up through the real form and get
/// access tokens, as <see cref="AccessScene"/> does.
/// </summary>
public sealed class ChannelScene : IDisposable
{
    private readonly MeursFactory factory;

    private ChannelScene(MeursFactory factory) => this.factory = factory;

    public required ScenePerson Owner { get; init; }

    public required ScenePerson Admin { get; init; }

    public required ScenePerson Member { get; init; }

    public required ScenePerson Outsider { get; init; }

    public Guid ServerId { get; private init; }

    public Guid ChannelId { get; private init; }

    public Guid EveryoneRoleId { get; private init; }

    public Guid AdminRoleId { get; private init; }

    /// <summary>The channel's message API path.</summary>
    public string Messages => $"/api/channels/{ChannelId}/messages";

    public static async Task<ChannelScene> CreateAsync(MeursFactory factory, bool inviteOnly = false)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var owner = await PersonAsync(factory, "own");
        var admin = await PersonAsync(factory, "adm");
        var member = await PersonAsync(factory, "mem");
        var outsider = await PersonAsync(factory, "out");
        var server = new Server { Name = "Scene", OwnerId = owner.Id, InviteOnly = inviteOnly };
        var everyone = new ServerRole { ServerId = server.Id, Name = ServerRole.EveryoneName, Position = 0, Permissions = Permissions.EveryoneDefault, IsEveryone = true };
        var adminRole = new ServerRole { ServerId = server.Id, Name = ServerRole.AdminName, Position = 1, Permissions = Permissions.Administrator, IsAdmin = true };
        var channel = new ServerChannel { ServerId = server.Id, Name = "general", Type = ChannelType.Text };
        await factory.WithDbAsync(async db =>
        {
            db.Servers.Add(server);
            db.ServerRoles.AddRange(everyone, adminRole);
            db.ServerChannels.Add(channel);
            db.ServerMembers.AddRange(new ServerMember { ServerId = server.Id, UserId = owner.Id }, new ServerMember { ServerId = server.Id, UserId = admin.Id },
                new ServerMember { ServerId = server.Id, UserId = member.Id });
            db.MemberRoles.Add(new MemberRole { ServerId = server.Id, UserId = admin.Id, RoleId = adminRole.Id });
            return await db.SaveChangesAsync();
        });
        return new ChannelScene(factory)
        {
            Owner = owner, Admin = admin, Member = member, Outsider = outsider,
            ServerId = server.Id, ChannelId = channel.Id, EveryoneRoleId = everyone.Id, AdminRoleId = adminRole.Id,
        };
    }

    /// <summary>Sets what @everyone holds server-wide.</summary>
    public Task SetEveryoneAsync(Permissions permissions) =>
        factory.WithDbAsync(db => db.ServerRoles.Where(r => r.Id == EveryoneRoleId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Permissions, permissions)));

    /// <summary>Adds a role with <paramref name="permissions"/> and gives it to <paramref name="holders"/>.</summary>
    public async Task<Guid> AddRoleAsync(string name, Permissions permissions, params ScenePerson[] holders)
    {
        var role = new ServerRole { ServerId = ServerId, Name = name, Position = 2, Permissions = permissions };
        await factory.WithDbAsync(async db =>
        {
            db.ServerRoles.Add(role);
            db.MemberRoles.AddRange(holders.Select(h => new MemberRole { ServerId = ServerId, UserId = h.Id, RoleId = role.Id }));
            return await db.SaveChangesAsync();
        });
        return role.Id;
    }

    /// <summary>Makes <paramref name="person"/> a member.</summary>
    public Task JoinAsync(ScenePerson person) =>
        factory.WithDbAsync(async db =>
        {
            db.ServerMembers.Add(new ServerMember { ServerId = ServerId, UserId = person.Id });
            return await db.SaveChangesAsync();
        });

    /// <summary>A second channel of the same server (or of a new one) of <paramref name="type"/>.</summary>
    public async Task<Guid> AddChannelAsync(ChannelType type = ChannelType.Text, string name = "other")
    {
        var channel = new ServerChannel { ServerId = ServerId, Name = name, Type = type, Position = 1 };
        await factory.WithDbAsync(async db =>
        {
            db.ServerChannels.Add(channel);
            return await db.SaveChangesAsync();
        });
        return channel.Id;
    }

    /// <summary>Sends <paramref name="content"/> through the API as <paramref name="person"/> and returns the message JSON (asserting 201).</summary>
    public async Task<JsonElement> SendAsync(ApiClient api, ScenePerson person, string content, Guid? replyTo = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var response = await api.PostJsonAsync(Messages, replyTo is null ? new { content } : new { content, reply_to_id = replyTo }, person.Token);
        Assert.True(response.Status == HttpStatusCode.Created, $"sending answered {(int)response.Status}: {response.Detail}");
        return response.Json!.Value;
    }

    private static async Task<ScenePerson> PersonAsync(MeursFactory factory, string prefix)
    {
        var browser = await factory.SignedUpAsync(prefix);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var id = db.Users.Single(u => u.UserName == browser.UserName).Id;
        var created = await scope.ServiceProvider.GetRequiredService<CreateAccessToken>().HandleAsync(id, "channel scene", null, CancellationToken.None);
        return new ScenePerson(browser, id, browser.UserName, created.Secret ?? throw new InvalidOperationException(created.Error));
    }

    public void Dispose()
    {
        foreach (var person in new[] { Owner, Admin, Member, Outsider })
        {
            person.Browser.Dispose();
        }
    }
}
