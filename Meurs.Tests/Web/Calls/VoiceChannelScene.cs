using Meurs.Tests.Web.Support;
using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Calls;

/// <summary>One person of a <see cref="VoiceChannelScene"/>: signed up through the real form, with a bearer token.</summary>
internal sealed record VoicePerson(Guid Id, string Name, string Token, TestBrowser Browser)
{
    /// <summary>The user id as the Chat API writes it.</summary>
    public string IdText => Id.ToString();
}

/// <summary>
/// A server written straight to the database (the servers' use cases are another feature's): an owner holding the
/// Admin role, an @everyone role with <see cref="Permissions.EveryoneDefault"/>, a voice channel and a text channel.
/// Members and outsiders are added per test, and a permission is taken from one person by giving them a role of their
/// own with a channel override denying it (as an administrator would).
/// </summary>
internal sealed class VoiceChannelScene : IDisposable
{
    private readonly MeursFactory factory;
    private readonly List<TestBrowser> browsers = [];

    private VoiceChannelScene(MeursFactory factory) => this.factory = factory;

    public Guid ServerId { get; } = Guid.CreateVersion7();

    public Guid VoiceChannelId { get; } = Guid.CreateVersion7();

    public Guid TextChannelId { get; } = Guid.CreateVersion7();

    public VoicePerson Owner { get; private set; } = null!;

    /// <summary>The voice channel's call on the fabric.</summary>
    public ChannelId Call => ChannelId.Call(VoiceChannelId.ToString("N"));

    /// <summary>The program socket of the voice channel (hyphenated UUID, as the Chat API writes ids).</summary>
    public string ApiPath => $"/api/ws/voice/{VoiceChannelId}";

    /// <summary>The page socket of the voice channel (id in "N" format).</summary>
    public string PagePath => $"/ws/voice/{VoiceChannelId:N}";

    public static async Task<VoiceChannelScene> CreateAsync(MeursFactory factory, bool inviteOnly = false)
    {
        var scene = new VoiceChannelScene(factory);
        scene.Owner = await scene.PersonAsync("own");
        var everyone = new ServerRole { ServerId = scene.ServerId, Name = ServerRole.EveryoneName, Permissions = Permissions.EveryoneDefault, IsEveryone = true, Position = 0 };
        var admin = new ServerRole { ServerId = scene.ServerId, Name = ServerRole.AdminName, Permissions = Permissions.All, IsAdmin = true, Position = 1 };
        await scene.WriteAsync(db =>
        {
            db.Servers.Add(new Server { Id = scene.ServerId, Name = "Voice test", OwnerId = scene.Owner.Id, InviteOnly = inviteOnly });
            db.ServerRoles.AddRange(everyone, admin);
            db.ServerMembers.Add(new ServerMember { ServerId = scene.ServerId, UserId = scene.Owner.Id });
            db.MemberRoles.Add(new MemberRole { ServerId = scene.ServerId, UserId = scene.Owner.Id, RoleId = admin.Id });
            db.ServerChannels.AddRange(
                new ServerChannel { Id = scene.VoiceChannelId, ServerId = scene.ServerId, Name = "Lounge", Type = ChannelType.Voice, Position = 0 },
                new ServerChannel { Id = scene.TextChannelId, ServerId = scene.ServerId, Name = "general", Type = ChannelType.Text, Position = 1 });
        });
        return scene;
    }

    /// <summary>A new person who has joined the server.</summary>
    public async Task<VoicePerson> MemberAsync(string prefix)
    {
        var person = await PersonAsync(prefix);
        await WriteAsync(db => db.ServerMembers.Add(new ServerMember { ServerId = ServerId, UserId = person.Id }));
        return person;
    }

    /// <summary>A new person who is not in the server.</summary>
    public Task<VoicePerson> OutsiderAsync(string prefix) => PersonAsync(prefix);

    /// <summary>Takes <paramref name="denied"/> from <paramref name="person"/> in <paramref name="channelId"/>: a role of their own with an override denying it.</summary>
    public Task DenyAsync(VoicePerson person, Guid channelId, Permissions denied)
    {
        var role = new ServerRole { ServerId = ServerId, Name = "no " + denied, Permissions = Permissions.None, Position = 2 };
        return WriteAsync(db =>
        {
            db.ServerRoles.Add(role);
            db.MemberRoles.Add(new MemberRole { ServerId = ServerId, UserId = person.Id, RoleId = role.Id });
            db.ChannelOverrides.Add(new ChannelOverride { ChannelId = channelId, RoleId = role.Id, Deny = denied });
        });
    }

    public void Dispose()
    {
        foreach (var browser in browsers)
        {
            browser.Dispose();
        }
    }

    private async Task<VoicePerson> PersonAsync(string prefix)
    {
        var browser = await factory.SignedUpAsync(prefix);
        browsers.Add(browser);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var id = db.Users.Single(u => u.UserName == browser.UserName).Id;
        var created = await scope.ServiceProvider.GetRequiredService<CreateAccessToken>().HandleAsync(id, "voice tests", null, CancellationToken.None);
        return new VoicePerson(id, browser.UserName, created.Secret ?? throw new InvalidOperationException(created.Error), browser);
    }

    private async Task WriteAsync(Action<MeursDbContext> write)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        write(db);
        await db.SaveChangesAsync();
    }
}
