using System.Net;
using Meurs.Tests.Web.Support;
using Meurs.Web.Data;
using Meurs.Web.Features.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meurs.Tests.Web.Data;

/// <summary>
/// A copy of a database made by the previous release (EF Core 6, Quartz; see Fixtures/previous-release/README.md),
/// opened by today's app, which migrates it at start-up: every account, room, event, shared file and token is there
/// and works. The clock is set to the day after the fixture was made, so its tokens and its file are still valid.
/// </summary>
public sealed class MigrationFromPreviousReleaseTests : IDisposable
{
    private const string RoomId = "85l.1-w";
    private static readonly string Fixture = Path.Combine(MeursFactory.RepoRoot, "Meurs.Tests", "Web", "Data", "Fixtures", "previous-release");
    private static readonly Dictionary<string, string> Tokens = new()
    {
        ["ann"] = "meurs_5coO-f5pRS0n8343jb9YQluRm6Yyy9RkAVhaTlduTvU",
        ["bob"] = "meurs_XtCKMoybtTun2dY9FRuRDDWhN2TvuDIpEURFmQUW5fo",
        ["cleo"] = "meurs_8SO52l79QbvQjeNIQNgO4jl9akIsSfY-uL6Q5Lrnd9U",
    };

    private readonly MeursFactory factory;

    public MigrationFromPreviousReleaseTests()
    {
        // An empty connection string makes the app use <Data:Path>/meurs.db, where the copy goes before the host starts.
        factory = MeursFactory.With(
            services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero))),
            new Dictionary<string, string?> { ["Data:ConnectionString"] = "" });
        File.Copy(Path.Combine(Fixture, "meurs.db"), Path.Combine(factory.DataPath, "meurs.db"));
        var uploads = Directory.CreateDirectory(Path.Combine(factory.DataPath, "uploads"));
        foreach (var file in Directory.GetFiles(Path.Combine(Fixture, "uploads")))
        {
            File.Copy(file, Path.Combine(uploads.FullName, Path.GetFileName(file)));
        }
    }

    [Fact]
    public async Task Start_OnPreviousReleaseDatabase_AppliesTodaysMigrationsAndNothingIsPending()
    {
        var (applied, pending, jobRunsLeft) = await factory.WithDbAsync(async db => (
            (await db.Database.GetAppliedMigrationsAsync()).ToList(),
            (await db.Database.GetPendingMigrationsAsync()).ToList(),
            await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM sqlite_master WHERE name = 'JobRuns'").SingleAsync()));

        Assert.Empty(pending);
        Assert.Contains(applied, m => m.EndsWith("_JobRuns", StringComparison.Ordinal)); // the previous release's last
        Assert.Contains(applied, m => m.EndsWith("_DropJobRuns", StringComparison.Ordinal));
        Assert.Equal(0, jobRunsLeft);
    }

    [Fact]
    public async Task Start_OnPreviousReleaseDatabase_KeepsAccountsRoomEventsAndFile()
    {
        var users = await factory.WithDbAsync(db => db.Users.AsNoTracking().OrderBy(u => u.UserName).Select(u => u.UserName).ToListAsync());
        var room = await factory.WithDbAsync(db => db.Rooms.AsNoTracking().Include(r => r.Owner).SingleAsync(r => r.Id == RoomId));
        var events = await factory.WithDbAsync(db => db.RoomMessages.AsNoTracking().Where(m => m.RoomId == RoomId).OrderBy(m => m.Seq).ToListAsync());
        var file = await factory.WithDbAsync(db => db.SharedFiles.AsNoTracking().SingleAsync());

        Assert.Equal(["ann", "bob", "cleo"], users);
        Assert.Equal("ann", room.Owner!.UserName);
        Assert.Null(room.ClosedAt);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => (long)i), events.Select(m => m.Seq));
        Assert.Equal(
            ["bob joined", "hi cleo, bob here", "waiting", "still here", "cleo joined", "Hello from the fixture — ünïcode ✓", "ok, bye",
             "a private word for bob", "bye", "second line\nwith a newline", "bob left", "cleo left", "note.txt"],
            events.Select(m => m.Text));
        var pm = events.Single(m => m.Kind == RoomMessageKind.Private);
        Assert.Equal(("cleo", "bob"), (pm.AuthorName, pm.RecipientName));
        Assert.Equal(new DateTime(2026, 12, 6, 2, 8, 45, 738, DateTimeKind.Utc), pm.CreatedAt.AddTicks(-(pm.CreatedAt.Ticks % TimeSpan.TicksPerMillisecond)));
        Assert.Equal(("note.txt", 47L, RoomId), (file.FileName, file.Size, file.RoomId));
    }

    [Fact]
    public async Task Start_OnPreviousReleaseDatabase_TokensStillAuthenticateAndTheFileDownloads()
    {
        using var api = ApiClient.For(factory);

        foreach (var (user, token) in Tokens)
        {
            var me = await api.GetAsync("/api/users/me", token);
            Assert.Equal(HttpStatusCode.OK, me.Status);
            Assert.Equal(user, me.Text("username"));
        }
        var fileId = await factory.WithDbAsync(db => db.SharedFiles.AsNoTracking().Select(f => f.Id).SingleAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/rooms/{RoomId}/files/{fileId:N}", UriKind.Relative));
        request.Headers.Authorization = new("Bearer", Tokens["bob"]);
        using var download = await api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("fixture file: shared by bob before the upgrade\n", await download.Content.ReadAsStringAsync());
        // The password hashes of the previous release still verify.
        Assert.Equal(HttpStatusCode.OK, (await api.LogInAsync("cleo", "cleo-password-3")).Status);
    }

    [Fact]
    public async Task Start_OnPreviousReleaseDatabase_TheFirstAccountStaysAdministrator()
    {
        // The previous release made the first account administrator without the role; the role is all that counts now.
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Meurs.Web.Features.Accounts.MeursUser>>();
        var admins = scope.ServiceProvider.GetRequiredService<Meurs.Web.Features.Admin.AdminRole>();

        foreach (var (name, expected) in new[] { ("ann", true), ("bob", false), ("cleo", false) })
        {
            var user = await users.FindByNameAsync(name);
            Assert.Equal((name, expected), (name, await admins.IsAdminAsync(user!.Id, CancellationToken.None)));
        }
    }

    public void Dispose() => factory.Dispose();
}
