using System.Net.Http.Headers;
using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Admin;
using Meurs.Web.Features.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Support;

/// <summary>Who is asking, for the access matrix: nobody, someone signed in who is not in the room, a member, and the room's owner (also an administrator).</summary>
public enum AccessRole
{
    Anonymous,
    NonMember,
    Member,
    OwnerOrAdmin,
}

/// <summary>
/// The people of the access matrix on one host: a browser (cookies, antiforgery) and a bearer token for each signed-in
/// role. The owner is granted the admin role explicitly (not by being the first account). <see cref="NewRoomAsync"/>
/// makes a fresh room per check, so an action that changes a room (closing, leaving) cannot affect the next check.
/// </summary>
public sealed class AccessScene : IDisposable
{
    private readonly MeursFactory factory;
    private readonly Dictionary<AccessRole, TestBrowser> browsers = [];
    private readonly Dictionary<AccessRole, string> tokens = [];
    private readonly Dictionary<AccessRole, Guid> ids = [];

    private AccessScene(MeursFactory factory) => this.factory = factory;

    /// <summary>Signs the three people up through the real form and gives each an access token.</summary>
    public static async Task<AccessScene> CreateAsync(MeursFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var scene = new AccessScene(factory);
        scene.browsers[AccessRole.Anonymous] = factory.NewBrowser();
        foreach (var role in new[] { AccessRole.OwnerOrAdmin, AccessRole.Member, AccessRole.NonMember })
        {
            await scene.AddPersonAsync(role);
        }
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AdminRole>().GrantAsync(scene.browsers[AccessRole.OwnerOrAdmin].UserName);
        return scene;
    }

    /// <summary>Replaces <paramref name="role"/>'s person with a new one (after a check that signs them out).</summary>
    public async Task RenewAsync(AccessRole role)
    {
        if (role == AccessRole.Anonymous)
        {
            browsers[role].Dispose();
            browsers[role] = factory.NewBrowser();
            return;
        }
        browsers[role].Dispose();
        await AddPersonAsync(role);
        if (role == AccessRole.OwnerOrAdmin)
        {
            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AdminRole>().GrantAsync(browsers[role].UserName);
        }
    }

    public TestBrowser Browser(AccessRole role) => browsers[role];

    /// <summary>The role's bearer token, or null for <see cref="AccessRole.Anonymous"/>.</summary>
    public string? Token(AccessRole role) => tokens.GetValueOrDefault(role);

    public string UserName(AccessRole role) => browsers[role].UserName;

    /// <summary>The role's user id (not for <see cref="AccessRole.Anonymous"/>).</summary>
    public Guid Id(AccessRole role) => ids[role];

    /// <summary>The host the scene's people live on.</summary>
    public MeursFactory Factory => factory;

    /// <summary>A new open room of the owner, which the member has joined, with one shared file (a PNG).</summary>
    public async Task<AccessRoom> NewRoomAsync()
    {
        string roomId;
        using (var scope = factory.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            roomId = (await services.GetRequiredService<CreateRoom>().HandleAsync(ids[AccessRole.OwnerOrAdmin], CancellationToken.None)).Id;
            Assert.NotNull(await services.GetRequiredService<JoinRoom>().HandleAsync(roomId, ids[AccessRole.Member], UserName(AccessRole.Member), CancellationToken.None));
        }
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "file", "shared.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/rooms/{roomId}/files") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[AccessRole.OwnerOrAdmin]);
        using var api = factory.CreateDefaultClient(MeursFactory.BaseAddress);
        var response = await api.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"sharing the scene's file answered {(int)response.StatusCode}: {body}");
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return new AccessRoom(roomId, json.RootElement.GetProperty("id").GetGuid());
    }

    private async Task AddPersonAsync(AccessRole role)
    {
        var browser = await factory.SignedUpAsync(role switch { AccessRole.OwnerOrAdmin => "own", AccessRole.Member => "mem", _ => "non" });
        browsers[role] = browser;
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        var id = db.Users.Single(u => u.UserName == browser.UserName).Id;
        ids[role] = id;
        var created = await scope.ServiceProvider.GetRequiredService<CreateAccessToken>().HandleAsync(id, "access matrix", null, CancellationToken.None);
        tokens[role] = created.Secret ?? throw new InvalidOperationException(created.Error);
    }

    public void Dispose()
    {
        foreach (var browser in browsers.Values)
        {
            browser.Dispose();
        }
    }
}

/// <summary>One check's room: its id and its shared file's id.</summary>
public sealed record AccessRoom(string Id, Guid FileId);
