using System.Text.Json;
using Htmx;
using Meurs.Web.Components;
using Meurs.Web.Data;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Features.Admin;
using Meurs.Web.Features.Jobs;
using Meurs.Web.Features.Library;
using Meurs.Web.Features.Listening;
using Meurs.Web.Features.Calls;
using Meurs.Web.Features.DirectMessages;
using Meurs.Web.Features.Friends;
using Meurs.Web.Features.Presence;
using Meurs.Web.Features.Messages;
using Meurs.Web.Features.Profiles;
using Meurs.Web.Features.Rooms;
using Meurs.Web.Features.Servers;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;

namespace Meurs.Web.Hosting;

/// <summary>The whole composition of Meurs: one <c>Add*</c> and one <c>Map*</c> per feature, called from Program.cs.</summary>
public static class MeursHosting
{
    /// <summary>Registers every service Meurs needs.</summary>
    public static WebApplicationBuilder AddMeurs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Request-by-request framework logs drown what matters: warnings and errors only from the framework and EF Core.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.AddProxy();
        builder.AddErrorPages();
        builder.AddMeursData();
        builder.AddAccounts();
        builder.AddFriends();
        builder.AddPresence();
        builder.AddProfiles();
        builder.AddRealtime();
        builder.AddLibrary();
        builder.AddRooms();
        builder.AddCalls();
        builder.AddServers();
        builder.AddMessages();
        builder.AddDirectMessages();
        builder.AddListening();
        builder.AddAdmin();
        builder.AddJobs();
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ImageUploadOptions>().BindConfiguration(ImageUploadOptions.SectionName);
        builder.Services.AddSingleton<ImageUploadLimits>();
        builder.Services.ConfigureApplicationCookie(cookie => cookie.Events.OnRedirectToLogin = context =>
        {
            // Sockets, APIs and htmx requests get a status, not a login page in place of what they asked for.
            var request = context.Request;
            // The handler's RedirectUri is absolute, built from the request's Host header; a redirect within the site
            // needs only its path and query, and must not send anyone to a host a request made up.
            var target = new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } absolute
                ? absolute.PathAndQuery
                : context.RedirectUri;
            if (request.Path.StartsWithSegments("/ws") || request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/media")
                || RoomFilesEndpoints.IsUpload(request) || MessagesPageEndpoints.IsUpload(request))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }
            else if (request.IsHtmx())
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Htmx(htmx => htmx.Redirect(target));
            }
            else
            {
                context.Response.Redirect(target);
            }
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>Builds the request pipeline and maps every endpoint; applies database migrations first.</summary>
    public static WebApplication MapMeurs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        DatabaseInitializer.Initialize(app.Services);

        app.UseProxy();
        if (!app.Environment.IsDevelopment())
        {
            // ProblemExceptionHandler answers programs with problem details; browsers' pages get /error.
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        app.UseErrorPages();
        app.UseRequestOriginCheck();
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseRateLimiter(); // after authentication: the global limit is per access token (sign-in limits are per address)
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy ? "ok" : "unavailable" }));
            },
        });
        app.MapAccounts();
        app.MapPresence();
        app.MapProfiles();
        app.MapRealtime();
        app.MapLibrary();
        app.MapRooms();
        app.MapCalls();
        app.MapServers();
        app.MapMessages();
        app.MapFriends();
        app.MapDirectMessages();
        app.MapListening();
        app.MapJobs();
        app.MapRazorComponents<App>();
        return app;
    }
}
