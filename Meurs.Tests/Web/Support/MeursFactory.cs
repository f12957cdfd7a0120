using System.Net;
using Meurs.Web.Data;
using Meurs.Web.Features.Admin;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Meurs.Tests.Web.Support;

/// <summary>
/// Hosts the real app on the test server: environment <c>Testing</c>, a private in-memory SQLite database kept alive
/// by one open connection, a fresh data folder (Data Protection keys) and a small library folder of its own.
/// </summary>
public sealed class MeursFactory : WebApplicationFactory<Program>
{
    private readonly SqliteConnection keepAlive;
    private readonly string tempRoot;
    private readonly Action<IServiceCollection>? configureServices;
    private readonly IReadOnlyDictionary<string, string?> extraSettings;

    public MeursFactory()
        : this(null, null)
    {
    }

    private MeursFactory(Action<IServiceCollection>? configureServices, IReadOnlyDictionary<string, string?>? settings)
    {
        this.configureServices = configureServices;
        extraSettings = settings ?? new Dictionary<string, string?>();
        ConnectionString = $"Data Source=file:meurs-test-{Guid.NewGuid():N}?mode=memory&cache=shared";
        // A shared-cache in-memory database lives as long as one connection to it is open.
        keepAlive = new SqliteConnection(ConnectionString);
        keepAlive.Open();
        tempRoot = Path.Combine(Path.GetTempPath(), "meurs-tests", Guid.NewGuid().ToString("N"));
        DataPath = Path.Combine(tempRoot, "data");
        LibraryPath = Path.Combine(tempRoot, "media");
        Directory.CreateDirectory(DataPath);
        TestLibrary.Fill(LibraryPath);
    }

    /// <summary>A host with some services replaced (after the app's own registrations) and/or extra settings.</summary>
    public static MeursFactory With(Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(services, settings);

    /// <summary>The repository root (where Meurs.sln is): the app's content root, so wwwroot/ resolves.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public string ConnectionString { get; }

    public string DataPath { get; }

    public string LibraryPath { get; }

    /// <summary>The test server's base address.</summary>
    public static Uri BaseAddress { get; } = new("http://localhost");

    /// <summary>A new visitor with its own cookie jar; redirects are not followed so tests see them.</summary>
    public TestBrowser NewBrowser()
    {
        var cookies = new CookieContainer();
        var client = CreateDefaultClient(BaseAddress, new CookieContainerHandler(cookies));
        return new TestBrowser(this, client, cookies);
    }

    /// <summary>A visitor who has just signed up through the real form with a fresh unique name.</summary>
    public async Task<TestBrowser> SignedUpAsync(string? namePrefix = null)
    {
        var browser = NewBrowser();
        var name = (namePrefix ?? "u") + Guid.NewGuid().ToString("N")[..10];
        await browser.SignUpOkAsync(name);
        return browser;
    }

    /// <summary>
    /// A visitor who signed up and was then made an administrator, as the operator does with <c>meurs users grant-admin</c>
    /// (signing up first no longer makes anyone one).
    /// </summary>
    public async Task<TestBrowser> SignedUpAdminAsync(string? namePrefix = null)
    {
        var browser = await SignedUpAsync(namePrefix);
        using var scope = Services.CreateScope();
        Assert.Equal(AdminRole.Outcome.Granted, await scope.ServiceProvider.GetRequiredService<AdminRole>().GrantAsync(browser.UserName));
        return browser;
    }

    /// <summary>Runs <paramref name="action"/> with a fresh database context of the app.</summary>
    public async Task<T> WithDbAsync<T>(Func<MeursDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeursDbContext>();
        return await action(db);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // UseSetting, not ConfigureAppConfiguration: the app reads Data:* while building its services, before
        // configuration sources added by the factory would apply.
        builder.UseEnvironment("Testing");
        // As strict as Development: a scoped service captured by a singleton fails here, not only on a developer's machine.
        builder.UseDefaultServiceProvider(options =>
        {
            options.ValidateScopes = true;
            options.ValidateOnBuild = true;
        });
        builder.UseContentRoot(RepoRoot);
        builder.UseSetting("Data:ConnectionString", ConnectionString);
        builder.UseSetting("Data:Path", DataPath);
        builder.UseSetting("Library:Path", LibraryPath);
        builder.UseSetting("Rooms:LeaveGracePeriod", "00:00:00");
        // An owner's departure clears the history at once, as before the grace period existed; the tests of the grace
        // period set it back (with a FakeTimeProvider to move through it).
        builder.UseSetting("Rooms:OwnerAwayGracePeriod", "00:00:00");
        // No job fires by itself during tests (bitwarden's factories remove the scheduler likewise); tests run jobs
        // directly, or through the admin page's "Run now". A test that needs triggers sets Jobs:Scheduling back to true.
        builder.UseSetting("Jobs:Scheduling", "false");
        // The media server binds loopback only: tests send nothing past 127.0.0.1.
        builder.UseSetting("Media:ListenAddress", "127.0.0.1");
        // Every test client comes from the same (absent) address, and a class signs up and logs in many people: the
        // per-address limits would soon refuse them. The tests of the limits set them back low.
        builder.UseSetting("SignInLimits:LoginBurst", "100000");
        builder.UseSetting("SignInLimits:SignUpBurst", "100000");
        // Likewise a scene's owner may create a fresh server per check (the access matrices).
        builder.UseSetting("Servers:CreationsPerHour", "100000");
        builder.UseSetting("Images:UploadBurst", "100000");
        foreach (var (key, value) in extraSettings)
        {
            builder.UseSetting(key, value);
        }
        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            keepAlive.Dispose();
            try
            {
                Directory.Delete(tempRoot, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finishing request; the temp folder is cleaned by the OS eventually.
            }
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Meurs.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Meurs.sln not found above " + AppContext.BaseDirectory);
    }
}
