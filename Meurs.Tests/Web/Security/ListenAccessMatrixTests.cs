using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Security;

/// <summary>
/// Runs the <see cref="ListenAccessMatrix"/>: each route, socket upgrade and socket command as each person (anonymous,
/// non-member, guest, host), on a fresh session per check. Its routes are held to the app's endpoint list by
/// <see cref="AccessMatrixTests.Routes_EveryEndpointOfTheApp_IsInTheMatrix_AndEveryRowStillExists"/>.
/// </summary>
public sealed partial class ListenAccessMatrixTests : IClassFixture<AccessMatrixTests.Host>
{
    private static readonly AccessRole[] Roles = [AccessRole.Anonymous, AccessRole.NonMember, AccessRole.Member, AccessRole.OwnerOrAdmin];

    private readonly AccessMatrixTests.Host host;
    private readonly ListenAccessScene sessions;

    public ListenAccessMatrixTests(AccessMatrixTests.Host host)
    {
        this.host = host;
        sessions = new ListenAccessScene(host.Scene);
    }

    [Fact]
    public async Task Routes_EachPerson_GetsTheExpectedAnswer()
    {
        var mismatches = new List<string>();
        var actualTable = new List<string>();
        foreach (var row in ListenAccessMatrix.Routes)
        {
            var actual = new Dictionary<AccessRole, string>();
            foreach (var role in Roles)
            {
                var session = await sessions.NewSessionAsync();
                actual[role] = await HttpAccessRunner.AnswerAsync(host.Scene, row with { Request = row.Request.Filled(v => PathOf(v, session)) }, role, PathOf(row.Route, session), Shorten);
                if (actual[role] != row.Expected(role))
                {
                    mismatches.Add($"{row.Key} ({row.Request}) as {role}: expected {row.Expected(role)}, got {actual[role]}");
                }
            }
            actualTable.Add($"{row.Key} [{row.Request}]: {string.Join(" | ", Roles.Select(r => actual[r]))}");
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} answer(s) differ from the listening sessions' access matrix:\n{string.Join('\n', mismatches)}\n\nThe answers as they are (anonymous | non-member | guest | host):\n{string.Join('\n', actualTable)}");
    }

    /// <summary>
    /// Every form of the listening pages, sent by the host (who would succeed with it) without the antiforgery token of
    /// their session, is refused with 400, and the session is still there, unchanged in its queue.
    /// </summary>
    [Fact]
    public async Task PageForms_WithoutTheAntiforgeryToken_AreRefused()
    {
        var wrong = new List<string>();
        foreach (var row in ListenAccessMatrix.Routes.Where(r => r.Method == "POST" && !r.IsApi && r.Request.FormFields is not null))
        {
            var session = await sessions.NewSessionAsync();
            var browser = host.Scene.Browser(AccessRole.OwnerOrAdmin);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(PathOf(row.Route, session), UriKind.Relative))
            {
                Content = new FormUrlEncodedContent(row.Request.FormFields!.Select(f => new KeyValuePair<string, string>(f.Name, PathOf(f.Value, session)))),
            };
            using var response = await browser.Client.SendAsync(request);
            var queue = await host.Factory.WithDbAsync(db => Task.FromResult(db.QueueItems.Count(i => i.SessionId == session.Id)));
            var open = await host.Factory.WithDbAsync(db => Task.FromResult(db.ListenSessions.Any(s => s.Id == session.Id && s.EndedAt == null)));
            if (response.StatusCode != System.Net.HttpStatusCode.BadRequest || queue != 1 || !open)
            {
                wrong.Add($"{row.Key}: {(int)response.StatusCode}, {queue} item(s) in the queue, {(open ? "open" : "ended")}");
            }
        }
        Assert.True(wrong.Count == 0, "forms taken without their antiforgery token:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public Task Sockets_EachPerson_GetsTheExpectedUpgradeAndCommandAnswers()
    {
        // The runner opens a command's socket, then asks for its text: the text's ids are the session just opened.
        AccessListen? current = null;
        return SocketAccessRunner.RunTableAsync(Roles, ListenAccessMatrix.Upgrades, ListenAccessMatrix.Commands,
            async (route, role) =>
            {
                current = await sessions.NewSessionAsync();
                return await SocketAccessRunner.OpenAsync(host.Scene, PathOf(route, current), role, program: route.StartsWith("/api/", StringComparison.Ordinal));
            },
            (command, _) => PathOf(command.Command, current!));
    }

    // {id} is the session, except in /requests/{id}/… (the API's decisions), where it is the pending request.
    private static string PathOf(string route, AccessListen session)
    {
        var id = route.Contains("/requests/{id}", StringComparison.Ordinal) ? session.RequestId : session.Id;
        return route
            .Replace("{SessionId:guid}", session.Id.ToString(), StringComparison.Ordinal)
            .Replace("{sessionId:guid}", session.Id.ToString(), StringComparison.Ordinal)
            .Replace("{itemId:guid}", session.ItemId.ToString(), StringComparison.Ordinal)
            .Replace("{itemId}", session.ItemId.ToString(), StringComparison.Ordinal)
            .Replace("{requestId:guid}", session.RequestId.ToString(), StringComparison.Ordinal)
            .Replace("{requestId}", session.RequestId.ToString(), StringComparison.Ordinal)
            .Replace("{userId:guid}", session.GuestId.ToString(), StringComparison.Ordinal)
            .Replace("{userId}", session.GuestId.ToString(), StringComparison.Ordinal)
            .Replace("{trackId}", session.TrackId.ToString(), StringComparison.Ordinal)
            .Replace("{callId}", session.CallId, StringComparison.Ordinal)
            .Replace("{Code}", session.Code, StringComparison.Ordinal)
            .Replace("{code}", session.Code, StringComparison.Ordinal)
            .Replace("{id}", id.ToString(), StringComparison.Ordinal);
    }

    // Redirect targets hold the session's id (as 32 hex digits); the table shows the route's shape.
    private static string Shorten(string target) => SessionIdInPath().Replace(target, "{id}");

    [GeneratedRegex("[0-9a-fA-F-]{32,36}")]
    private static partial Regex SessionIdInPath();
}
