using System.Security.Claims;
using Meurs.Web.Features.Accounts;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Htmx;

namespace Meurs.Web.Features.Presence;

/// <summary>
/// People's status: online, idle (chosen, or after <see cref="PresenceOptions.IdleAfter"/> without input in any tab),
/// do not disturb, invisible (offline to everyone else), offline (no connection after the fabric's grace period).
/// <see cref="UserPresence"/> is the view of the fabric's presence that derives it and tells friends and people
/// sharing a server of each change (<see cref="UserStatusChanged"/>, <c>user.status_changed</c>). People choose theirs in
/// the header (<c>POST /me/status</c>) or through <c>PUT /api/users/me/status</c>.
/// </summary>
internal static class PresenceFeature
{
    /// <summary>Registers the options, the status view of presence, the use case and the event's view.</summary>
    public static WebApplicationBuilder AddPresence(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.SectionName)
            .Validate(o => o.IdleAfter > TimeSpan.Zero, "Presence:IdleAfter must be positive.");
        services.AddSingleton<UserPresence>();
        services.AddSingleton<IPresenceListener>(s => s.GetRequiredService<UserPresence>());
        services.AddScoped<SetStatus>();
        services.AddEventView<UserStatusChanged, UserStatusChangedView>();
        return builder;
    }

    /// <summary>Maps the header's form and the API's status endpoint.</summary>
    public static WebApplication MapPresence(this WebApplication app)
    {
        app.MapPost("/me/status", async (IFormCollection form, HttpContext http, SetStatus set) =>
        {
            if (CurrentUser.Id(http.User) is not { } userId)
            {
                return Results.Unauthorized();
            }
            if (!UserStatus.TryParse(form["status"], out var status))
            {
                return Results.Problem("status must be online, idle, dnd or invisible.", statusCode: StatusCodes.Status400BadRequest);
            }
            await set.HandleAsync(userId, status, http.RequestAborted);
            return http.Request.IsHtmx()
                ? new RazorComponentResult<StatusPicker>(new Dictionary<string, object?> { [nameof(StatusPicker.UserId)] = userId })
                : Results.LocalRedirect(LocalRedirect.Sanitize(http.Request.Headers.Referer.ToString() is { Length: > 0 } referer && Uri.TryCreate(referer, UriKind.Absolute, out var uri) ? uri.PathAndQuery : "/"));
        }).RequireAuthorization();

        app.MapPut("/api/users/me/status", async (HttpRequest request, ClaimsPrincipal user, SetStatus set, UserPresence presence) =>
        {
            var (body, refusal) = await JsonBody.ReadAsync(request);
            if (body is null)
            {
                return refusal!;
            }
            var text = body.Text("status", required: true);
            if (body.Problems.Count > 0)
            {
                return body.Refusal;
            }
            if (!UserStatus.TryParse(text, out var status))
            {
                return ApiCredentials.Refuse("'status' must be online, idle, dnd or invisible.");
            }
            var userId = CurrentUser.Id(user)!.Value;
            await set.HandleAsync(userId, status, request.HttpContext.RequestAborted);
            return Results.Json(new { status = UserStatus.Of(status), shown = presence.OwnStatusOf(userId) });
        }).RequireAuthorization(AccessTokenAuthentication.ApiPolicy);
        return app;
    }
}
