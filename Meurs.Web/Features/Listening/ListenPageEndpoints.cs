using System.Globalization;
using System.Net;
using Htmx;
using Meurs.Web.Data;
using Meurs.Web.Hosting;
using Meurs.Web.Realtime;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// The listening pages' form endpoints (cookie; antiforgery on every POST, as a form field from plain forms or the
/// <c>RequestVerificationToken</c> header the session page's htmx controls inherit; validated by the framework for
/// form-bound endpoints). Each calls the use case of its action, which judges the person through
/// <see cref="ListenAccess"/>. Answers: to htmx a status line for <c>#listen-status</c> (the change itself arrives
/// over the page socket), to a plain form a redirect; refusals as 400/403/404/409, a line in place for htmx and a
/// problem detail otherwise (start and join go back to /listen with the reason).
/// <list type="bullet">
/// <item><c>POST /listen/sessions</c> (<c>track_id</c>, or <c>album</c> and <c>artist</c>, optional): start; <c>POST /listen/join</c> (<c>code</c>), <c>POST /listen/join/{code}</c>: join.</item>
/// <item><c>GET /listen/{id}/library?q=</c>: library search results to add from.</item>
/// <item><c>POST /listen/{id}/queue</c> (<c>track_id</c> or <c>album</c>+<c>artist</c>), <c>…/queue/{item}/move</c> (<c>direction</c> up|down or <c>position</c>), <c>…/queue/{item}/remove</c>.</item>
/// <item><c>POST /listen/{id}/requests/{rid}/approve</c>, <c>…/deny</c> (<c>reason</c>); <c>…/members/{uid}/role</c> (<c>role</c> cohost|guest); <c>…/settings</c> (<c>guests_queue</c>, <c>guests_playback</c>).</item>
/// <item><c>GET /listen/calls/{call}</c>: the listening panel of a call for someone who may be in it (<see cref="ListenCallPanel"/>);
/// <c>POST /listen/calls/{call}</c>: <em>Listen together</em> (<see cref="ListenTogether"/>: start the call's session or join it), answered
/// with the panel (retargeted to <c>#call-listen</c>); <c>POST /listen/calls/{call}/leave</c> (<c>session_id</c>) and <c>…/end</c>
/// (<c>session_id</c>, <c>confirm=yes</c>): <see cref="LeaveCallSession"/> and <see cref="EndCallSession"/>, answered the same way.</item>
/// <item><c>POST /listen/{id}/messages</c> (<c>text</c>), <c>…/leave</c>, <c>…/end</c> (<c>confirm=yes</c>).</item>
/// </list>
/// </summary>
internal static class ListenPageEndpoints
{
    public static IEndpointRouteBuilder MapListenPageEndpoints(this IEndpointRouteBuilder app)
    {
        var listen = app.MapGroup("/listen").RequireAuthorization();
        listen.MapPost("/sessions", async (IFormCollection form, HttpContext http, StartSession start) =>
        {
            Guid? track = null;
            if (!string.IsNullOrEmpty(form["track_id"]))
            {
                if (!Guid.TryParse(form["track_id"], out var parsed)) return Back(http, "track_id must be a track of the library.");
                track = parsed;
            }
            var result = await start.HandleAsync(Actor(http), new StartSession.Options(track, Optional(form["album"]), Optional(form["artist"]) ?? Optional(http.Request.Query["artist"])), http.RequestAborted);
            return result.IsOk ? Results.LocalRedirect($"/listen/{result.Value!.Session.Id:N}") : Back(http, result.Detail, result.Status);
        });
        listen.MapPost("/join", async (IFormCollection form, HttpContext http, JoinSession join) => await JoinAsync(http, join, form["code"]));
        listen.MapPost("/join/{code}", async (string code, IFormCollection form, HttpContext http, JoinSession join) => await JoinAsync(http, join, code));

        listen.MapGet("/calls/{callId}", async (string callId, HttpContext http, ChannelPolicies policies, ListenPageData data, IAntiforgery antiforgery) =>
        {
            if (!ListenInCall.IsCallId(callId))
            {
                return Refused(http, ListenStatus.BadInput, "The call must be a room id or a voice channel id.");
            }
            if (await policies.AuthorizeSubscribeAsync(Actor(http), ChannelId.Call(callId), http.RequestAborted) is { } refusal)
            {
                return Refused(http, ListenRefusal.From(refusal).Status, refusal.Detail);
            }
            return await CallPanelAsync(http, callId, data, antiforgery);
        });
        // No form fields: the button sends none (an empty form body cannot be bound), so the token is checked here.
        listen.MapPost("/calls/{callId}", async (string callId, HttpContext http, ListenTogether together, ListenPageData data, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Refused(http, ListenStatus.BadInput, "The form expired; reload the page and try again.");
            }
            var result = await together.HandleAsync(Actor(http), callId, http.RequestAborted);
            if (!result.IsOk) return Refused(http, result.Status, result.Detail);
            if (!http.Request.IsHtmx()) return Results.LocalRedirect($"/listen/{result.Value!.Session.Id:N}");
            http.Response.Headers["HX-Retarget"] = "#call-listen";
            http.Response.Headers["HX-Reswap"] = "outerHTML";
            return await CallPanelAsync(http, callId, data, antiforgery);
        });

        // Leave and End inside the call: the panel is swapped in place (a page load would drop the person out of the call).
        listen.MapPost("/calls/{callId}/leave", async (string callId, IFormCollection form, HttpContext http, LeaveCallSession leave, ListenPageData data, IAntiforgery antiforgery) =>
            await CallChangedAsync(http, callId, await leave.HandleAsync(Actor(http), callId, form["session_id"], http.RequestAborted), data, antiforgery));
        listen.MapPost("/calls/{callId}/end", async (string callId, IFormCollection form, HttpContext http, EndCallSession end, ListenPageData data, IAntiforgery antiforgery) =>
        {
            if (form["confirm"] != "yes") return Refused(http, ListenStatus.BadInput, "Ending a session needs confirming: the music stops for everyone.");
            return await CallChangedAsync(http, callId, await end.HandleAsync(Actor(http), callId, form["session_id"], http.RequestAborted), data, antiforgery);
        });

        var session = listen.MapGroup("/{sessionId:guid}");
        session.MapGet("/library", async (Guid sessionId, string? q, HttpContext http, ListenAccess access, ListenPageData data) =>
        {
            if (ListenAccess.Judge(await access.StandingAsync(sessionId, Actor(http), http.RequestAborted), ListenPower.Listen) is { } refusal)
            {
                return Refused(http, ListenRefusal.From(refusal).Status, refusal.Detail);
            }
            var query = (q ?? "").Trim();
            if (query.Length > 200 || !ListenText.IsValidUnicode(query))
            {
                return Refused(http, ListenStatus.BadInput, "q is at most 200 characters of valid text.");
            }
            http.Response.Htmx(h => h.WithVary());
            return new RazorComponentResult<ListenLibraryResults>(new Dictionary<string, object?>
            {
                [nameof(ListenLibraryResults.SessionId)] = sessionId,
                [nameof(ListenLibraryResults.Browse)] = query.Length == 0 ? null : await data.SearchAsync(query, http.RequestAborted),
            });
        });
        session.MapPost("/queue", async (Guid sessionId, IFormCollection form, HttpContext http, AddToQueue add, ListenPageData data) =>
        {
            List<Guid> tracks;
            if (!string.IsNullOrEmpty(form["album"]))
            {
                tracks = [.. await data.AlbumTracksAsync(form["album"].ToString(), Optional(form["artist"]), http.RequestAborted)];
                if (tracks.Count == 0) return Refused(http, ListenStatus.NotFound, "There is no such album in the library.");
            }
            else if (Guid.TryParse(form["track_id"], out var track))
            {
                tracks = [track];
            }
            else
            {
                return Refused(http, ListenStatus.BadInput, "Choose a track (track_id) or an album (album, artist) of the library.");
            }
            var (added, asked) = (0, 0);
            foreach (var id in tracks)
            {
                var result = await add.HandleAsync(Actor(http), sessionId, id, http.RequestAborted);
                if (!result.IsOk)
                {
                    return added + asked == 0 ? Refused(http, result.Status, result.Detail) : Done(http, sessionId, $"Stopped after {added + asked}: {result.Detail}");
                }
                if (result.Value!.Request is null) added++; else asked++;
            }
            return Done(http, sessionId, asked > 0 ? $"Sent {Count(asked, "track")} to the host for approval (see Requests)." : $"Added {Count(added, "track")}.");
        });
        session.MapPost("/queue/{itemId:guid}/move", async (Guid sessionId, Guid itemId, IFormCollection form, HttpContext http, MeursDbContext db, MoveQueueItem move) =>
        {
            int to;
            if (int.TryParse(form["position"], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                to = position;
            }
            else
            {
                var at = await db.QueueItems.Where(i => i.Id == itemId && i.SessionId == sessionId).Select(i => (int?)i.Position).FirstOrDefaultAsync(http.RequestAborted);
                var step = form["direction"].ToString() switch { "up" => -1, "down" => 1, _ => 0 };
                if (step == 0) return Refused(http, ListenStatus.BadInput, "direction must be up or down, or position a place in the queue.");
                to = Math.Max(0, (at ?? 0) + step);
            }
            return Changed(http, sessionId, await move.HandleAsync(Actor(http), sessionId, itemId, to, http.RequestAborted), "Moved.");
        });
        session.MapPost("/queue/{itemId:guid}/remove", async (Guid sessionId, Guid itemId, IFormCollection form, HttpContext http, RemoveFromQueue remove) =>
            Changed(http, sessionId, await remove.HandleAsync(Actor(http), sessionId, itemId, http.RequestAborted), "Removed."));
        session.MapPost("/requests/{requestId:guid}/approve", async (Guid sessionId, Guid requestId, IFormCollection form, HttpContext http, ApproveRequest approve) =>
            Answer(http, sessionId, await approve.HandleAsync(Actor(http), requestId, sessionId, Optional(form["reason"]), http.RequestAborted), "Approved."));
        session.MapPost("/requests/{requestId:guid}/deny", async (Guid sessionId, Guid requestId, IFormCollection form, HttpContext http, DenyRequest deny) =>
            Answer(http, sessionId, await deny.HandleAsync(Actor(http), requestId, sessionId, Optional(form["reason"]), http.RequestAborted), "Denied."));
        session.MapPost("/members/{userId:guid}/role", async (Guid sessionId, Guid userId, IFormCollection form, HttpContext http, SetListenRole set) =>
        {
            ListenRole? role = form["role"].ToString() switch { "cohost" => ListenRole.CoHost, "guest" => ListenRole.Guest, _ => null };
            return role is null
                ? Refused(http, ListenStatus.BadInput, "role must be cohost or guest.")
                : Answer(http, sessionId, await set.HandleAsync(Actor(http), sessionId, userId, role.Value, http.RequestAborted), "Saved.");
        });
        session.MapPost("/settings", async (Guid sessionId, IFormCollection form, HttpContext http, ChangeSessionSettings change) =>
        {
            var (queue, playback) = (Switch(form["guests_queue"]), Switch(form["guests_playback"]));
            var bad = (form.ContainsKey("guests_queue") && queue is null) || (form.ContainsKey("guests_playback") && playback is null);
            return !bad && (queue is not null || playback is not null)
                ? Answer(http, sessionId, await change.HandleAsync(Actor(http), sessionId, queue, playback, http.RequestAborted), "Saved.")
                : Refused(http, ListenStatus.BadInput, "guests_queue and guests_playback must be true or false.");
        });
        session.MapPost("/messages", async (Guid sessionId, IFormCollection form, HttpContext http, SendSessionMessage send) =>
            Answer(http, sessionId, await send.HandleAsync(Actor(http), sessionId, form["text"].ToString(), http.RequestAborted), ""));
        session.MapPost("/leave", async (Guid sessionId, IFormCollection form, HttpContext http, LeaveSession leave) =>
        {
            var result = await leave.HandleAsync(Actor(http), sessionId, http.RequestAborted);
            return result.IsOk ? Results.LocalRedirect("/listen") : Refused(http, result.Status, result.Detail);
        });
        session.MapPost("/end", async (Guid sessionId, IFormCollection form, HttpContext http, EndSession end) =>
        {
            if (form["confirm"] != "yes") return Refused(http, ListenStatus.BadInput, "Ending a session needs confirming: the music stops for everyone.");
            var result = await end.HandleAsync(Actor(http), sessionId, http.RequestAborted);
            return result.IsOk ? Results.LocalRedirect("/listen") : Refused(http, result.Status, result.Detail);
        });
        return app;
    }

    private static async Task<IResult> CallPanelAsync(HttpContext http, string callId, ListenPageData data, IAntiforgery antiforgery)
    {
        http.Response.Htmx(h => h.WithVary());
        var token = antiforgery.GetAndStoreTokens(http).RequestToken;
        return new RazorComponentResult<ListenCallPanel>(new Dictionary<string, object?>
        {
            [nameof(ListenCallPanel.Model)] = await data.CallAsync(callId, Actor(http), http.RequestAborted),
            [nameof(ListenCallPanel.Headers)] = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string?> { ["RequestVerificationToken"] = token }),
        });
    }

    /// <summary>
    /// A call panel's Leave or End: refused, a line in place; done, to htmx the call's panel again (retargeted to
    /// <c>#call-listen</c>: the offer to listen together or to join), to a plain form a redirect to /listen.
    /// </summary>
    private static async Task<IResult> CallChangedAsync(HttpContext http, string callId, ListenResult<ListenDone> result, ListenPageData data, IAntiforgery antiforgery)
    {
        if (!result.IsOk) return Refused(http, result.Status, result.Detail);
        if (!http.Request.IsHtmx()) return Results.LocalRedirect("/listen");
        http.Response.Headers["HX-Retarget"] = "#call-listen";
        http.Response.Headers["HX-Reswap"] = "outerHTML";
        return await CallPanelAsync(http, callId, data, antiforgery);
    }

    private static async Task<IResult> JoinAsync(HttpContext http, JoinSession join, string? code)
    {
        var result = await join.ByCodeAsync(Actor(http), code ?? "", http.RequestAborted);
        return result.IsOk ? Results.LocalRedirect($"/listen/{result.Value!.Session.Id:N}") : Back(http, result.Detail, result.Status);
    }

    /// <summary>A refused start or join: back to /listen with the reason (the status code when it is not a plain form).</summary>
    private static IResult Back(HttpContext http, string detail, ListenStatus status = ListenStatus.BadInput) =>
        http.Request.IsHtmx() ? Refused(http, status, detail) : Results.LocalRedirect("/listen?error=" + Uri.EscapeDataString(detail));

    private static IResult Changed(HttpContext http, Guid sessionId, ListenResult<ListenQueueChange> result, string done) =>
        !result.IsOk ? Refused(http, result.Status, result.Detail)
        : Done(http, sessionId, result.Value!.Request is null ? done : "Sent to the host for approval (see Requests).");

    private static IResult Answer<T>(HttpContext http, Guid sessionId, ListenResult<T> result, string done) =>
        result.IsOk ? Done(http, sessionId, done) : Refused(http, result.Status, result.Detail);

    private static IResult Done(HttpContext http, Guid sessionId, string done)
    {
        if (!http.Request.IsHtmx()) return Results.LocalRedirect($"/listen/{sessionId:N}");
        http.Response.Htmx(h => h.WithVary());
        return Results.Content(done.Length == 0 ? "" : $"<span class=\"ok\">{WebUtility.HtmlEncode(done)}</span>", "text/html");
    }

    private static IResult Refused(HttpContext http, ListenStatus status, string detail)
    {
        var code = status switch
        {
            ListenStatus.Forbidden => StatusCodes.Status403Forbidden,
            ListenStatus.NotFound => StatusCodes.Status404NotFound,
            ListenStatus.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        if (http.Request.IsHtmx())
        {
            http.Response.Htmx(h => h.WithVary());
            return Results.Content($"<span class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(detail)}</span>", "text/html", statusCode: code);
        }
        return Results.Problem(detail, statusCode: code);
    }

    private static bool? Switch(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 ? null : values[^1] switch { "true" or "on" => true, "false" => false, _ => null };

    private static string? Optional(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static ChannelUser Actor(HttpContext http) => new(CurrentUser.RequiredId(http.User), http.User.Identity?.Name ?? "");
}
