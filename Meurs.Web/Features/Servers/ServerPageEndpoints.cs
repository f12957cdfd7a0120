using System.Globalization;
using System.Net;
using System.Security.Claims;
using Htmx;
using Meurs.Web.Data;
using Meurs.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// The server pages' HTTP endpoints (cookie; every POST carries the antiforgery token, as a form field or, from the
/// server page's hx-post controls, the inherited <c>RequestVerificationToken</c> header, both validated by the framework
/// for form-bound endpoints). Each calls the use case of its action, which checks the permission again. Answers: to
/// htmx a fragment (a status line, or the re-rendered part; <c>HX-Refresh</c> after a settings change), to a plain
/// form a redirect; refusals as 400/403/404/410 (a line in place for htmx, problem details otherwise), never a trace.
/// <list type="bullet">
/// <item><c>POST /servers/{id}/join</c>, <c>/leave</c>.</item>
/// <item><c>GET /servers/{id}/sidebar</c> (the viewer's channel list), <c>GET /servers/{id}/mentions?q=</c> (autocomplete).</item>
/// <item><c>POST /servers/{id}/channels</c>, <c>/categories</c> (create); <c>…/channels/{cid}/mute</c>, <c>…/categories/{cid}/collapse</c>;
/// <c>…/channels/{cid}/move</c>, <c>…/categories/{cid}/move</c> (direction up|down), <c>…/channels/order</c>, <c>…/categories/order</c> (drag and drop).</item>
/// <item>Settings: <c>POST /servers/{id}/settings</c>, <c>/icon</c>, <c>/banner</c>, <c>/delete</c>; <c>/roles</c>, <c>/roles/{rid}</c>,
/// <c>/roles/{rid}/delete</c>, <c>/roles/{rid}/move</c>, <c>/roles/order</c>; <c>/members/{uid}/roles</c>, <c>/members/{uid}/kick</c>,
/// <c>/members/{uid}/ban</c>, <c>/bans/{uid}/delete</c>; <c>/invites</c>, <c>/invites/{code}/revoke</c>; <c>/channels/{cid}/settings</c>,
/// <c>/channels/{cid}/overrides/{rid}</c>, <c>/channels/{cid}/delete</c>.</item>
/// </list>
/// </summary>
internal static class ServerPageEndpoints
{
    /// <summary>The HTTP status of a use case's ending.</summary>
    public static int StatusOf(ServerStatus status) => status switch
    {
        ServerStatus.Ok => StatusCodes.Status200OK,
        ServerStatus.Forbidden => StatusCodes.Status403Forbidden,
        ServerStatus.NotFound => StatusCodes.Status404NotFound,
        ServerStatus.Gone => StatusCodes.Status410Gone,
        ServerStatus.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>
    /// Answers a component page with <paramref name="status"/> and keeps its HTML (set as the response starts: ASP.NET
    /// Core discards a component page's HTML when it ends with 404, see <see cref="Components.PageStatus"/>).
    /// </summary>
    public static void SetPageStatus(HttpContext http, int status)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.OnStarting(() =>
        {
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        });
    }

    public static IEndpointRouteBuilder MapServerPageEndpoints(this IEndpointRouteBuilder app)
    {
        var server = app.MapGroup("/servers/{serverId:guid}").RequireAuthorization();
        server.MapPost("/join", async (Guid serverId, IFormCollection form, HttpContext http, JoinServer join) =>
            Answer(http, await join.HandleAsync(UserId(http), serverId, http.RequestAborted), $"/servers/{serverId:N}", "Joined."));
        server.MapPost("/leave", async (Guid serverId, IFormCollection form, HttpContext http, LeaveServer leave) =>
            Answer(http, await leave.HandleAsync(UserId(http), serverId, http.RequestAborted), "/communities", "Left.", redirectHtmx: true));

        server.MapGet("/sidebar", async (Guid serverId, Guid? current, HttpContext http, ServerPageData data) =>
        {
            var sidebar = await data.SidebarAsync(UserId(http), serverId, current, http.RequestAborted);
            return sidebar.IsOk ? Sidebar(http, sidebar.Value!) : Refused(http, sidebar.Status, sidebar.Detail);
        });
        server.MapGet("/mentions", MentionsAsync);

        server.MapPost("/channels", async (Guid serverId, IFormCollection form, HttpContext http, CreateChannel create) =>
        {
            var type = form["type"].ToString() switch { "voice" => ChannelType.Voice, "text" or "" => (ChannelType?)ChannelType.Text, _ => null };
            if (type is null || !TryGuid(form["category_id"], out var category))
            {
                return Refused(http, ServerStatus.BadInput, "Choose a channel type (text or voice) and one of this server's categories.");
            }
            var result = await create.HandleAsync(UserId(http), serverId, new ChannelDraft(form["name"], type.Value, Optional(form["topic"]), category), http.RequestAborted);
            return Answer(http, result, result.IsOk ? $"/servers/{serverId:N}/channels/{result.Value!.Id:N}" : "", result.IsOk ? $"Created {result.Value!.Name}." : "");
        });
        server.MapPost("/categories", async (Guid serverId, IFormCollection form, HttpContext http, CreateCategory create) =>
        {
            var result = await create.HandleAsync(UserId(http), serverId, form["name"], http.RequestAborted);
            return Answer(http, result, $"/servers/{serverId:N}", result.IsOk ? $"Created {result.Value!.Name}." : "");
        });
        server.MapPost("/categories/{categoryId:guid}/collapse", async (Guid serverId, Guid categoryId, IFormCollection form, HttpContext http, CollapseCategory collapse, ServerPageData data) =>
        {
            var result = await collapse.HandleAsync(UserId(http), serverId, categoryId, form["collapsed"] != "false", http.RequestAborted);
            return result.IsOk ? await SidebarAfterAsync(http, data, serverId, form) : Refused(http, result.Status, result.Detail);
        });
        server.MapPost("/channels/{channelId:guid}/mute", async (Guid serverId, Guid channelId, IFormCollection form, HttpContext http, MuteChannel mute, ServerPageData data) =>
        {
            var result = await mute.HandleAsync(UserId(http), serverId, channelId, form["muted"] != "false", http.RequestAborted);
            return result.IsOk ? await SidebarAfterAsync(http, data, serverId, form) : Refused(http, result.Status, result.Detail);
        });
        server.MapPost("/channels/{channelId:guid}/move", async (Guid serverId, Guid channelId, IFormCollection form, HttpContext http, MeursDbContext db, ReorderChannels reorder) =>
        {
            var channel = await db.ServerChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId && c.ServerId == serverId, http.RequestAborted);
            if (channel is null)
            {
                return Refused(http, ServerStatus.NotFound, "Channel not found");
            }
            var order = await db.ServerChannels.Where(c => c.ServerId == serverId && c.CategoryId == channel.CategoryId).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync(http.RequestAborted);
            var moved = Move(order, channelId, form["direction"]);
            return moved is null
                ? Refused(http, ServerStatus.BadInput, "direction must be up or down.")
                : Answer(http, await reorder.HandleAsync(UserId(http), serverId, channel.CategoryId, moved, http.RequestAborted), $"/servers/{serverId:N}", "Moved.");
        });
        server.MapPost("/channels/order", async (Guid serverId, IFormCollection form, HttpContext http, MeursDbContext db, UpdateChannel update, ReorderChannels reorder) =>
        {
            if (!TryGuid(form["category_id"], out var category) || !TryGuids(form["ids"], out var ids) || !TryGuid(form["channel_id"], out var movedId))
            {
                return Refused(http, ServerStatus.BadInput, "Send category_id, channel_id and ids (the channels of that category, top first).");
            }
            var actor = UserId(http);
            if (movedId is { } channelId)
            {
                var channel = await db.ServerChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId && c.ServerId == serverId, http.RequestAborted);
                if (channel is not null && channel.CategoryId != category)
                {
                    var moved = await update.HandleAsync(actor, serverId, channelId, new ChannelChanges(MoveToCategory: true, CategoryId: category), http.RequestAborted);
                    if (!moved.IsOk)
                    {
                        return Refused(http, moved.Status, moved.Detail);
                    }
                }
            }
            // Channels the manager cannot see keep their places after the ones they ordered.
            var all = await db.ServerChannels.Where(c => c.ServerId == serverId && c.CategoryId == category).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync(http.RequestAborted);
            var order = ids.Where(all.Contains).Distinct().Concat(all.Where(id => !ids.Contains(id))).ToList();
            return Answer(http, await reorder.HandleAsync(actor, serverId, category, order, http.RequestAborted), $"/servers/{serverId:N}", "Moved.");
        });
        server.MapPost("/categories/{categoryId:guid}/move", async (Guid serverId, Guid categoryId, IFormCollection form, HttpContext http, MeursDbContext db, ReorderCategories reorder) =>
        {
            var order = await db.ChannelCategories.Where(c => c.ServerId == serverId).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync(http.RequestAborted);
            if (!order.Contains(categoryId))
            {
                return Refused(http, ServerStatus.NotFound, "Category not found");
            }
            var moved = Move(order, categoryId, form["direction"]);
            return moved is null
                ? Refused(http, ServerStatus.BadInput, "direction must be up or down.")
                : Answer(http, await reorder.HandleAsync(UserId(http), serverId, moved, http.RequestAborted), $"/servers/{serverId:N}", "Moved.");
        });
        server.MapPost("/categories/order", async (Guid serverId, IFormCollection form, HttpContext http, ReorderCategories reorder) =>
            TryGuids(form["ids"], out var ids)
                ? Answer(http, await reorder.HandleAsync(UserId(http), serverId, ids, http.RequestAborted), $"/servers/{serverId:N}", "Moved.")
                : Refused(http, ServerStatus.BadInput, "ids must be category ids, top first."));

        MapSettings(server);
        return app;
    }

    private static void MapSettings(RouteGroupBuilder server)
    {
        static string Settings(Guid serverId, string section) => $"/servers/{serverId:N}/settings#{section}";

        server.MapPost("/settings", async (Guid serverId, IFormCollection form, HttpContext http, UpdateServer update) =>
            Answer(http, await update.HandleAsync(UserId(http), serverId, new ServerChanges(form["name"], form["description"].ToString(), form["invite_only"] == "true" || form["invite_only"] == "on"), http.RequestAborted),
                Settings(serverId, "overview"), "Saved.", refresh: true));
        server.MapPost("/icon", (Guid serverId, IFormCollection form, HttpContext http, SetServerImage set, ServerImages images) => ImageAsync(serverId, form, http, set, images, ServerImageKind.Icon));
        server.MapPost("/banner", (Guid serverId, IFormCollection form, HttpContext http, SetServerImage set, ServerImages images) => ImageAsync(serverId, form, http, set, images, ServerImageKind.Banner));
        server.MapPost("/delete", async (Guid serverId, IFormCollection form, HttpContext http, DeleteServer delete, MeursDbContext db) =>
        {
            var name = await db.Servers.Where(s => s.Id == serverId).Select(s => s.Name).FirstOrDefaultAsync(http.RequestAborted);
            var confirmed = form["confirm"] == "yes" || (name is not null && form["confirm_name"] == name);
            return Answer(http, await delete.HandleAsync(UserId(http), serverId, confirmed, http.RequestAborted), "/communities", "Deleted.", redirectHtmx: true);
        });

        server.MapPost("/roles", async (Guid serverId, IFormCollection form, HttpContext http, CreateRole create) =>
            Answer(http, await create.HandleAsync(UserId(http), serverId, new RoleDraft(form["name"], Color(form), PermissionsOf(form)), http.RequestAborted),
                Settings(serverId, "roles"), "Role created.", refresh: true));
        server.MapPost("/roles/{roleId:guid}", async (Guid serverId, Guid roleId, IFormCollection form, HttpContext http, UpdateRole update) =>
            Answer(http, await update.HandleAsync(UserId(http), serverId, roleId,
                    new RoleChanges(Optional(form["name"]), SetColor: true, Color(form), form.ContainsKey("permissions") ? PermissionsOf(form) : null), http.RequestAborted),
                Settings(serverId, "roles"), "Saved.", refresh: true));
        server.MapPost("/roles/{roleId:guid}/delete", async (Guid serverId, Guid roleId, IFormCollection form, HttpContext http, DeleteRole delete) =>
            Answer(http, await delete.HandleAsync(UserId(http), serverId, roleId, http.RequestAborted), Settings(serverId, "roles"), "Deleted.", refresh: true));
        server.MapPost("/roles/{roleId:guid}/move", async (Guid serverId, Guid roleId, IFormCollection form, HttpContext http, MeursDbContext db, ReorderRoles reorder) =>
        {
            // Shown top (most senior) first; "up" is towards more senior. The use case takes bottom first, @everyone excluded.
            var topFirst = await db.ServerRoles.Where(r => r.ServerId == serverId && !r.IsEveryone).OrderByDescending(r => r.Position).Select(r => r.Id).ToListAsync(http.RequestAborted);
            if (!topFirst.Contains(roleId))
            {
                return Refused(http, ServerStatus.NotFound, "Role not found");
            }
            var moved = Move(topFirst, roleId, form["direction"]);
            return moved is null
                ? Refused(http, ServerStatus.BadInput, "direction must be up or down.")
                : Answer(http, await reorder.HandleAsync(UserId(http), serverId, [.. Enumerable.Reverse(moved)], http.RequestAborted), Settings(serverId, "roles"), "Moved.", refresh: true);
        });
        server.MapPost("/roles/order", async (Guid serverId, IFormCollection form, HttpContext http, ReorderRoles reorder) =>
            TryGuids(form["ids"], out var topFirst)
                ? Answer(http, await reorder.HandleAsync(UserId(http), serverId, [.. Enumerable.Reverse(topFirst)], http.RequestAborted), Settings(serverId, "roles"), "Moved.")
                : Refused(http, ServerStatus.BadInput, "ids must be role ids, most senior first."));

        server.MapPost("/members/{userId:guid}/roles", async (Guid serverId, Guid userId, IFormCollection form, HttpContext http, AssignRole assign, RemoveRole remove) =>
        {
            if (!Guid.TryParse(form["role_id"], out var roleId))
            {
                return Refused(http, ServerStatus.BadInput, "role_id must be a role of this server.");
            }
            var result = form["action"] == "remove"
                ? await remove.HandleAsync(UserId(http), serverId, userId, roleId, http.RequestAborted)
                : await assign.HandleAsync(UserId(http), serverId, userId, roleId, http.RequestAborted);
            return Answer(http, result, Settings(serverId, "members"), "Saved.", refresh: true);
        });
        server.MapPost("/members/{userId:guid}/kick", async (Guid serverId, Guid userId, IFormCollection form, HttpContext http, KickMember kick) =>
            Answer(http, await kick.HandleAsync(UserId(http), serverId, userId, http.RequestAborted), Settings(serverId, "members"), "Kicked.", refresh: true));
        server.MapPost("/members/{userId:guid}/ban", async (Guid serverId, Guid userId, IFormCollection form, HttpContext http, BanMember ban) =>
            Answer(http, await ban.HandleAsync(UserId(http), serverId, userId, Optional(form["reason"]), http.RequestAborted), Settings(serverId, "members"), "Banned.", refresh: true));
        server.MapPost("/bans/{userId:guid}/delete", async (Guid serverId, Guid userId, IFormCollection form, HttpContext http, UnbanMember unban) =>
            Answer(http, await unban.HandleAsync(UserId(http), serverId, userId, http.RequestAborted), Settings(serverId, "members"), "Unbanned.", refresh: true));

        server.MapPost("/invites", async (Guid serverId, IFormCollection form, HttpContext http, CreateInvite create) =>
        {
            if (!TryInt(form["max_uses"], out var maxUses) || !TryInt(form["expires_in_seconds"], out var expires))
            {
                return Refused(http, ServerStatus.BadInput, "Maximum uses and expiry must be whole numbers.");
            }
            return Answer(http, await create.HandleAsync(UserId(http), serverId, maxUses, expires, http.RequestAborted), Settings(serverId, "invites"), "Invite created.", refresh: true);
        });
        server.MapPost("/invites/{code}/revoke", async (Guid serverId, string code, IFormCollection form, HttpContext http, RevokeInvite revoke) =>
            Answer(http, await revoke.HandleAsync(UserId(http), serverId, code, http.RequestAborted), Settings(serverId, "invites"), "Revoked.", refresh: true));

        server.MapPost("/channels/{channelId:guid}/settings", async (Guid serverId, Guid channelId, IFormCollection form, HttpContext http, UpdateChannel update) =>
        {
            if (!TryGuid(form["category_id"], out var category))
            {
                return Refused(http, ServerStatus.BadInput, "category_id must be one of this server's categories.");
            }
            var changes = new ChannelChanges(Optional(form["name"]), form["topic"].ToString(), MoveToCategory: form.ContainsKey("category_id"), CategoryId: category);
            return Answer(http, await update.HandleAsync(UserId(http), serverId, channelId, changes, http.RequestAborted),
                $"/servers/{serverId:N}/channels/{channelId:N}/settings", "Saved.", refresh: true);
        });
        server.MapPost("/channels/{channelId:guid}/overrides/{roleId:guid}", async (Guid serverId, Guid channelId, Guid roleId, IFormCollection form, HttpContext http, SetChannelOverride set) =>
        {
            var (allow, deny) = (Permissions.None, Permissions.None);
            foreach (var (permission, name, _) in PermissionNames.All.Where(p => p.Permission != Permissions.Administrator))
            {
                switch (form[name].ToString())
                {
                    case "allow": allow |= permission; break;
                    case "deny": deny |= permission; break;
                    case "" or "inherit": break;
                    default: return Refused(http, ServerStatus.BadInput, $"{name} must be allow, inherit or deny.");
                }
            }
            return Answer(http, await set.HandleAsync(UserId(http), serverId, channelId, roleId, allow, deny, http.RequestAborted),
                $"/servers/{serverId:N}/channels/{channelId:N}/settings", "Saved.", refresh: true);
        });
        server.MapPost("/channels/{channelId:guid}/delete", async (Guid serverId, Guid channelId, IFormCollection form, HttpContext http, DeleteChannel delete) =>
            form["confirm"] != "yes"
                ? Refused(http, ServerStatus.BadInput, "Deleting a channel needs confirming: its messages are deleted with it.")
                : Answer(http, await delete.HandleAsync(UserId(http), serverId, channelId, http.RequestAborted), $"/servers/{serverId:N}", "Deleted.", redirectHtmx: true));
    }

    private static async Task<IResult> ImageAsync(Guid serverId, IFormCollection form, HttpContext http, SetServerImage set, ServerImages images, ServerImageKind kind)
    {
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return Refused(http, ServerStatus.BadInput, "Choose an image (PNG, JPEG, GIF or WebP).");
        }
        if (file.Length > images.MaxBytes)
        {
            return Refused(http, ServerStatus.BadInput, $"The image is too large (at most {images.MaxBytes / 1024 / 1024} MiB).");
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted);
        return Answer(http, await set.HandleAsync(UserId(http), serverId, kind, buffer.ToArray(), http.RequestAborted), $"/servers/{serverId:N}/settings#overview", "Saved.", refresh: true);
    }

    private static async Task<IResult> MentionsAsync(Guid serverId, string? q, HttpContext http, ViewServer view, ListMembers members, ListRoles roles)
    {
        var actor = UserId(http);
        var access = await view.HandleAsync(actor, serverId, http.RequestAborted);
        if (!access.IsOk)
        {
            return Refused(http, access.Status, access.Detail);
        }
        var prefix = (q ?? "").Trim();
        if (prefix.Length > 100)
        {
            return Refused(http, ServerStatus.BadInput, "q is at most 100 characters.");
        }
        var options = new List<MentionOption>();
        if (access.Value!.Has(Permissions.MentionEveryone) && "everyone".StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            options.Add(new MentionOption("everyone", "@everyone", "Notify every member", null));
        }
        options.AddRange((await members.HandleAsync(actor, serverId, http.RequestAborted)).Value!
            .Where(m => m.Username.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(m => new MentionOption(m.Username, "@" + m.Username, "member", null)));
        options.AddRange((await roles.HandleAsync(actor, serverId, http.RequestAborted)).Value!
            .Where(r => !r.IsEveryone && r.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(r => new MentionOption(r.Name, "@" + r.Name, "role", r.Color)));
        http.Response.Htmx(h => h.WithVary());
        return new RazorComponentResult<MentionList>(new Dictionary<string, object?> { [nameof(MentionList.Options)] = options.Take(8).ToList() });
    }

    private static async Task<IResult> SidebarAfterAsync(HttpContext http, ServerPageData data, Guid serverId, IFormCollection form)
    {
        if (!http.Request.IsHtmx())
        {
            return Results.LocalRedirect($"/servers/{serverId:N}");
        }
        Guid? current = Guid.TryParse(form["current"], out var c) ? c : null;
        current ??= Guid.TryParse(http.Request.Headers["HX-Current-URL"].ToString().Split("/channels/").ElementAtOrDefault(1)?.Split('/', '?', '#')[0], out var fromUrl) ? fromUrl : null;
        var sidebar = await data.SidebarAsync(UserId(http), serverId, current, http.RequestAborted);
        return sidebar.IsOk ? Sidebar(http, sidebar.Value!) : Refused(http, sidebar.Status, sidebar.Detail);
    }

    private static RazorComponentResult<ServerSidebar> Sidebar(HttpContext http, SidebarModel model)
    {
        http.Response.Htmx(h => h.WithVary());
        return new RazorComponentResult<ServerSidebar>(new Dictionary<string, object?> { [nameof(ServerSidebar.Model)] = model });
    }

    /// <summary>A use case's result: the status line (htmx) or a redirect; refusals in place or as problem details.</summary>
    private static IResult Answer<T>(HttpContext http, ServerResult<T> result, string redirect, string done, bool refresh = false, bool redirectHtmx = false)
    {
        if (!result.IsOk)
        {
            return Refused(http, result.Status, result.Detail);
        }
        if (!http.Request.IsHtmx())
        {
            return Results.LocalRedirect(redirect);
        }
        http.Response.Htmx(h => h.WithVary());
        if (redirectHtmx)
        {
            http.Response.Headers["HX-Redirect"] = redirect;
        }
        else if (refresh)
        {
            http.Response.Headers["HX-Refresh"] = "true";
        }
        return Results.Content($"<span class=\"ok\">{WebUtility.HtmlEncode(done)}</span>", "text/html");
    }

    private static IResult Refused(HttpContext http, ServerStatus status, string detail)
    {
        var code = StatusOf(status);
        if (http.Request.IsHtmx())
        {
            http.Response.Htmx(h => h.WithVary());
            return Results.Content($"<span class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(detail)}</span>", "text/html", statusCode: code);
        }
        return Results.Problem(detail, statusCode: code);
    }

    /// <summary><paramref name="order"/> with <paramref name="id"/> one place up or down; null for another direction (unchanged at an end).</summary>
    private static List<Guid>? Move(List<Guid> order, Guid id, string? direction)
    {
        var at = order.IndexOf(id);
        var to = direction switch { "up" => at - 1, "down" => at + 1, _ => int.MinValue };
        if (to == int.MinValue)
        {
            return null;
        }
        if (to >= 0 && to < order.Count)
        {
            (order[at], order[to]) = (order[to], order[at]);
        }
        return order;
    }

    private static bool TryGuid(string? text, out Guid? id)
    {
        id = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (Guid.TryParse(text, out var parsed))
        {
            id = parsed;
            return true;
        }
        return false;
    }

    private static bool TryGuids(Microsoft.Extensions.Primitives.StringValues values, out List<Guid> ids)
    {
        ids = [];
        foreach (var part in values.SelectMany(v => (v ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!Guid.TryParse(part, out var id))
            {
                return false;
            }
            ids.Add(id);
        }
        return ids.Count > 0;
    }

    private static bool TryInt(string? text, out int? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }

    private static string? Optional(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string? Color(IFormCollection form) => form["no_color"] == "on" || form["no_color"] == "true" ? null : Optional(form["color"]);

    private static Permissions PermissionsOf(IFormCollection form)
    {
        var chosen = form["permissions"].ToHashSet(StringComparer.Ordinal);
        return PermissionNames.All.Where(p => chosen.Contains(p.Name)).Aggregate(Permissions.None, (all, p) => all | p.Permission);
    }

    private static Guid UserId(HttpContext http) => CurrentUser.RequiredId(http.User);
}

/// <summary>One suggestion of the mention autocomplete.</summary>
/// <param name="Name">What is shown.</param>
/// <param name="Insert">What selecting it inserts (<c>@name</c>).</param>
/// <param name="Kind">"member", "role" or a description.</param>
/// <param name="Color">A role's colour, or null.</param>
public sealed record MentionOption(string Name, string Insert, string Kind, string? Color);
