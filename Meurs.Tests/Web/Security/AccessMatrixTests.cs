using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;
using Meurs.Web.Features.Library;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Security;

/// <summary>
/// Runs the <see cref="AccessMatrix"/> and <see cref="SocketAccessMatrix"/> against one host, and holds them (with the
/// communities' <see cref="CommunityAccessMatrix"/> and the listening sessions' <see cref="ListenAccessMatrix"/>) to the app's
/// endpoint list (every <see cref="RouteEndpoint"/> of the <see cref="EndpointDataSource"/>: minimal APIs, Razor
/// component pages, sockets), so a new route cannot go unlisted.
/// </summary>
public sealed partial class AccessMatrixTests : IClassFixture<AccessMatrixTests.Host>
{
    private static readonly AccessRole[] Roles = [AccessRole.Anonymous, AccessRole.NonMember, AccessRole.Member, AccessRole.OwnerOrAdmin];

    private readonly Host host;

    public AccessMatrixTests(Host host) => this.host = host;

    /// <summary>
    /// One host for the matrix. Room creation is not limited here (each check makes a room); the limit has its own tests.
    /// </summary>
    public sealed class Host : IAsyncLifetime
    {
        public MeursFactory Factory { get; } = MeursFactory.With(settings: new Dictionary<string, string?>
        {
            // Every check makes a room and shares a file in it, far past what one person may do in a minute.
            ["Rooms:CreationsPerHour"] = "100000",
            ["Rooms:SharedFileUploadBurst"] = "100000",
            ["Rooms:SharedFileUploadsPerMinute"] = "100000",
            // The same tokens make every API request of the table; their per-token limit is not under test here.
            ["AccessTokens:RequestBurst"] = "100000",
            ["AccessTokens:RequestsPerMinute"] = "100000",
        });

        public AccessScene Scene { get; private set; } = default!;

        public async Task InitializeAsync() => Scene = await AccessScene.CreateAsync(Factory);

        public async Task DisposeAsync()
        {
            Scene.Dispose();
            await Factory.DisposeAsync();
        }
    }

    [Fact]
    public void Routes_EveryEndpointOfTheApp_IsInTheMatrix_AndEveryRowStillExists()
    {
        var app = AppRoutes();
        var listed = AccessMatrix.Routes.Concat(CommunityAccessMatrix.Routes).Concat(ListenAccessMatrix.Routes).Where(r => !r.Middleware).Select(r => r.Key)
            .Concat(SocketAccessMatrix.Upgrades.Concat(CommunityAccessMatrix.Upgrades).Concat(ListenAccessMatrix.Upgrades).Select(u => "* " + u.Route))
            .ToHashSet(StringComparer.Ordinal);

        var unlisted = app.Except(listed).Order(StringComparer.Ordinal).ToList();
        var gone = listed.Except(app).Order(StringComparer.Ordinal).ToList();

        Assert.True(unlisted.Count == 0, "routes the access matrix does not list (add a row for each):\n" + string.Join('\n', unlisted));
        Assert.True(gone.Count == 0, "rows for routes the app no longer has (remove or rename them):\n" + string.Join('\n', gone));
    }

    [Fact]
    public async Task Routes_EachPerson_GetsTheExpectedAnswer()
    {
        var mismatches = new List<string>();
        var actualTable = new List<string>();
        foreach (var row in AccessMatrix.Routes)
        {
            var actual = new Dictionary<AccessRole, string>();
            foreach (var role in Roles)
            {
                actual[role] = await AnswerAsync(row, role);
                if (actual[role] != row.Expected(role))
                {
                    mismatches.Add($"{row.Key} ({row.Request}) as {role}: expected {row.Expected(role)}, got {actual[role]}");
                }
                if (row.SignsOut)
                {
                    await host.Scene.RenewAsync(role);
                }
            }
            actualTable.Add($"{row.Key} [{row.Request}]: {string.Join(" | ", Roles.Select(r => actual[r]))}");
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} answer(s) differ from the access matrix:\n{string.Join('\n', mismatches)}\n\nThe answers as they are (anonymous | non-member | member | owner or admin):\n{string.Join('\n', actualTable)}");
    }

    [Fact]
    public Task Sockets_EachPerson_GetsTheExpectedUpgradeAndCommandAnswers() =>
        SocketAccessRunner.RunTableAsync(Roles, SocketAccessMatrix.Upgrades, SocketAccessMatrix.Commands,
            async (route, role) => await OpenAsync(route, role, await host.Scene.NewRoomAsync()),
            (command, role) => command.Command.Replace("{self}", host.Scene.UserName(role), StringComparison.Ordinal));

    // Opens the socket as the person would: a browser's with their cookies, a program's (/ws/comuni) with their token.
    private Task<(RawSocket? Socket, string Status)> OpenAsync(string route, AccessRole role, AccessRoom room) =>
        SocketAccessRunner.OpenAsync(host.Scene, route.Replace("{id}", room.Id, StringComparison.Ordinal), role, program: route.StartsWith("/ws/comuni/", StringComparison.Ordinal) || route.StartsWith("/api/", StringComparison.Ordinal));

    // The app's routes as "METHOD pattern" ("*" for an endpoint that takes any method, as sockets do). Static files are
    // middleware, not endpoints, so none are listed.
    private HashSet<string> AppRoutes()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (!pattern.StartsWith('/'))
            {
                pattern = "/" + pattern;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is null || methods.Count == 0)
            {
                keys.Add("* " + pattern);
                continue;
            }
            foreach (var method in methods.Where(m => m != HttpMethods.Head))
            {
                keys.Add($"{method} {pattern}");
            }
        }
        return keys;
    }

    private async Task<string> AnswerAsync(HttpAccess row, AccessRole role)
    {
        var room = await host.Scene.NewRoomAsync();
        return await HttpAccessRunner.AnswerAsync(host.Scene, row, role, await PathAsync(row.Route, room), target => RoomPath().Replace(target, "/rooms/{id}"));
    }

    private async Task<string> PathAsync(string route, AccessRoom room)
    {
        var path = route
            .Replace("{fileId:guid}", room.FileId.ToString("N"), StringComparison.Ordinal)
            .Replace("{**path}", TestLibrary.AlphaPath, StringComparison.Ordinal)
            .Replace("{Code:int}", "404", StringComparison.Ordinal);
        if (path.Contains("{id:guid}", StringComparison.Ordinal))
        {
            var items = await host.Factory.Services.GetRequiredService<MediaLibrary>().ItemsAsync();
            path = path.Replace("{id:guid}", items[0].Id.ToString("N"), StringComparison.Ordinal);
        }
        path = path.Replace("{id}", room.Id, StringComparison.Ordinal).Replace("{Id}", room.Id, StringComparison.Ordinal);
        // A group's root route ends with "/" in its pattern; clients call it without.
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex("^/rooms/[^/]+$")]
    private static partial Regex RoomPath();
}
