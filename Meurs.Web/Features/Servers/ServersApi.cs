using System.Security.Claims;
using Meurs.Web.Features.Accounts;

namespace Meurs.Web.Features.Servers;

/// <summary>
/// The servers API for programs, in the Chat system's shapes (<see cref="ServerJson"/>): bearer token only
/// (<see cref="AccessTokenAuthentication.ApiPolicy"/>, and the per-token request limit), JSON snake_case, errors as
/// problem documents with a <c>detail</c> sentence. Every endpoint calls one use case. Statuses: 201 created, 204
/// deleted or done, 400 bad input (wrong JSON types, too long, missing, invalid Unicode, ids of another server, a
/// malformed id in the body), 401 no token, 403 a member without the permission or a non-member of an open server, 404
/// what does not exist or may not be seen (anything of an invite-only server for non-members; a malformed id in the
/// path), 410 an expired or used-up invite, 413/415 body too large or not JSON.
/// <list type="bullet">
/// <item><c>POST|GET /api/servers[/]</c>, <c>GET|PATCH|DELETE /api/servers/{id}</c>, <c>POST /api/servers/{id}/join</c>,
/// <c>POST /api/servers/{id}/image|banner</c> (multipart, part <c>file</c>).</item>
/// <item><c>GET|POST /api/servers/{id}/invites</c>, <c>DELETE /api/servers/{id}/invites/{code}</c>,
/// <c>GET /api/invites/{code}</c>, <c>POST /api/invites/{code}/join</c>.</item>
/// <item><c>GET /api/servers/{id}/members</c>, <c>DELETE /api/servers/{id}/members/{user_id}</c> (oneself: leave; another: kick),
/// <c>POST|DELETE /api/servers/{id}/bans/{user_id}</c>.</item>
/// <item><c>GET|POST /api/servers/{id}/roles</c>, <c>PATCH|DELETE /api/servers/{id}/roles/{role_id}</c>,
/// <c>POST|DELETE /api/servers/{id}/members/{user_id}/roles/{role_id}</c>.</item>
/// <item><c>GET|POST /api/servers/{id}/categories</c>, <c>PATCH|DELETE …/categories/{category_id}</c>,
/// <c>POST|DELETE …/categories/{category_id}/collapse</c>.</item>
/// <item><c>GET|POST /api/servers/{id}/channels</c> (GET: only those the caller can see), <c>PATCH|DELETE …/channels/{channel_id}</c>,
/// <c>GET …/channels/{channel_id}/permissions</c>, <c>PUT …/permissions/{role_id}</c>, <c>POST|DELETE …/channels/{channel_id}/mute</c>.</item>
/// </list>
/// </summary>
internal static class ServersApi
{
    public static IEndpointRouteBuilder MapServersApi(this IEndpointRouteBuilder app)
    {
        var servers = app.MapGroup("/api/servers").RequireAuthorization(AccessTokenAuthentication.ApiPolicy);
        // Routing matches "/api/servers/" (the Chat system's spelling) and "/api/servers" alike.
        servers.MapPost("", CreateServerAsync);
        servers.MapGet("", ListServersAsync);
        servers.MapGet("/{id}", GetServerAsync);
        servers.MapPatch("/{id}", UpdateServerAsync);
        servers.MapDelete("/{id}", DeleteServerAsync);
        servers.MapPost("/{id}/join", JoinAsync);
        servers.MapPost("/{id}/image", (string id, HttpRequest request, ClaimsPrincipal user, SetServerImage set, ServerImages images) =>
            SetImageAsync(id, ServerImageKind.Icon, request, user, set, images));
        servers.MapPost("/{id}/banner", (string id, HttpRequest request, ClaimsPrincipal user, SetServerImage set, ServerImages images) =>
            SetImageAsync(id, ServerImageKind.Banner, request, user, set, images));

        servers.MapGet("/{id}/invites", ListInvitesAsync);
        servers.MapPost("/{id}/invites", CreateInviteAsync);
        servers.MapDelete("/{id}/invites/{code}", RevokeInviteAsync);
        var invites = app.MapGroup("/api/invites").RequireAuthorization(AccessTokenAuthentication.ApiPolicy);
        invites.MapGet("/{code}", ViewInviteAsync);
        invites.MapPost("/{code}/join", JoinByInviteAsync);

        servers.MapGet("/{id}/members", ListMembersAsync);
        servers.MapDelete("/{id}/members/{userId}", RemoveMemberAsync);
        servers.MapPost("/{id}/bans/{userId}", BanAsync);
        servers.MapDelete("/{id}/bans/{userId}", UnbanAsync);

        servers.MapGet("/{id}/roles", ListRolesAsync);
        servers.MapPost("/{id}/roles", CreateRoleAsync);
        servers.MapPatch("/{id}/roles/{roleId}", UpdateRoleAsync);
        servers.MapDelete("/{id}/roles/{roleId}", DeleteRoleAsync);
        servers.MapPost("/{id}/members/{userId}/roles/{roleId}", AssignRoleAsync);
        servers.MapDelete("/{id}/members/{userId}/roles/{roleId}", RemoveRoleAsync);

        servers.MapGet("/{id}/categories", ListCategoriesAsync);
        servers.MapPost("/{id}/categories", CreateCategoryAsync);
        servers.MapPatch("/{id}/categories/{categoryId}", UpdateCategoryAsync);
        servers.MapDelete("/{id}/categories/{categoryId}", DeleteCategoryAsync);
        servers.MapPost("/{id}/categories/{categoryId}/collapse", (string id, string categoryId, ClaimsPrincipal user, CollapseCategory collapse, CancellationToken ct) =>
            CollapseAsync(id, categoryId, user, collapse, true, ct));
        servers.MapDelete("/{id}/categories/{categoryId}/collapse", (string id, string categoryId, ClaimsPrincipal user, CollapseCategory collapse, CancellationToken ct) =>
            CollapseAsync(id, categoryId, user, collapse, false, ct));

        servers.MapGet("/{id}/channels", ListChannelsAsync);
        servers.MapPost("/{id}/channels", CreateChannelAsync);
        servers.MapPatch("/{id}/channels/{channelId}", UpdateChannelAsync);
        servers.MapDelete("/{id}/channels/{channelId}", DeleteChannelAsync);
        servers.MapGet("/{id}/channels/{channelId}/permissions", ListOverridesAsync);
        servers.MapPut("/{id}/channels/{channelId}/permissions/{roleId}", SetOverrideAsync);
        servers.MapPost("/{id}/channels/{channelId}/mute", (string id, string channelId, ClaimsPrincipal user, MuteChannel mute, CancellationToken ct) =>
            MuteAsync(id, channelId, user, mute, true, ct));
        servers.MapDelete("/{id}/channels/{channelId}/mute", (string id, string channelId, ClaimsPrincipal user, MuteChannel mute, CancellationToken ct) =>
            MuteAsync(id, channelId, user, mute, false, ct));
        return app;
    }

    // --- Servers -------------------------------------------------------------------------------------------------

    private static async Task<IResult> CreateServerAsync(HttpRequest request, ClaimsPrincipal user, CreateServer create)
    {
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var title = body.Text("title", required: true);
        var description = body.Text("description");
        var inviteOnly = body.Bool("invite_only");
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await create.HandleAsync(Actor(user), title, description, inviteOnly ?? false, request.HttpContext.RequestAborted),
            server => Json(ServerJson.Of(server), StatusCodes.Status201Created));
    }

    private static async Task<IResult> ListServersAsync(ClaimsPrincipal user, ListServers list, CancellationToken ct) =>
        Answer(await list.HandleAsync(Actor(user), ct), servers => Json(servers.Select(ServerJson.Of)));

    private static async Task<IResult> GetServerAsync(string id, ClaimsPrincipal user, ViewServer view, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound
            : Answer(await view.HandleAsync(Actor(user), serverId, ct), member => Json(ServerJson.Of(member.Server)));

    private static async Task<IResult> UpdateServerAsync(string id, HttpRequest request, ClaimsPrincipal user, UpdateServer update)
    {
        if (!Guid.TryParse(id, out var serverId))
        {
            return ServerNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var changes = new ServerChanges(body.Text("title"), body.Text("description"), body.Bool("invite_only"));
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await update.HandleAsync(Actor(user), serverId, changes, request.HttpContext.RequestAborted), server => Json(ServerJson.Of(server)));
    }

    // DELETE is the program's explicit confirmation.
    private static async Task<IResult> DeleteServerAsync(string id, ClaimsPrincipal user, DeleteServer delete, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound : Answer(await delete.HandleAsync(Actor(user), serverId, confirmed: true, ct), _ => Results.NoContent());

    private static async Task<IResult> JoinAsync(string id, ClaimsPrincipal user, JoinServer join, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound : Answer(await join.HandleAsync(Actor(user), serverId, ct), member => Json(member));

    private static async Task<IResult> SetImageAsync(string id, ServerImageKind kind, HttpRequest request, ClaimsPrincipal user, SetServerImage set, ServerImages images)
    {
        if (!Guid.TryParse(id, out var serverId))
        {
            return ServerNotFound;
        }
        if (!request.HasFormContentType)
        {
            return ApiCredentials.Refuse("Send the image as multipart/form-data with a part named \"file\".", StatusCodes.Status415UnsupportedMediaType);
        }
        // The form's own parts and boundaries take a little room beyond the image.
        if (request.ContentLength > images.MaxBytes + 64 * 1024)
        {
            return TooLarge(images);
        }
        IFormFile? file;
        try
        {
            file = (await request.ReadFormAsync(request.HttpContext.RequestAborted)).Files.GetFile("file");
        }
        catch (InvalidDataException)
        {
            return ApiCredentials.Refuse("The form could not be read.");
        }
        if (file is null)
        {
            return ApiCredentials.Refuse("Send the image in a part named \"file\".");
        }
        if (file.Length > images.MaxBytes)
        {
            return TooLarge(images);
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return Answer(await set.HandleAsync(Actor(user), serverId, kind, buffer.ToArray(), request.HttpContext.RequestAborted), server => Json(ServerJson.Of(server)));
    }

    private static IResult TooLarge(ServerImages images) =>
        ApiCredentials.Refuse($"An image is at most {images.MaxBytes / (1024 * 1024)} MiB.", StatusCodes.Status413PayloadTooLarge);

    // --- Invites -------------------------------------------------------------------------------------------------

    private static async Task<IResult> ListInvitesAsync(string id, ClaimsPrincipal user, ListInvites list, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound : Answer(await list.HandleAsync(Actor(user), serverId, ct), invites => Json(invites.Select(ServerJson.Of)));

    private static async Task<IResult> CreateInviteAsync(string id, HttpRequest request, ClaimsPrincipal user, CreateInvite create)
    {
        if (!Guid.TryParse(id, out var serverId))
        {
            return ServerNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request, optional: true);
        if (body is null)
        {
            return refusal!;
        }
        var maxUses = body.WholeNumber("max_uses");
        var expiresIn = body.WholeNumber("expires_in_seconds");
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await create.HandleAsync(Actor(user), serverId, maxUses, expiresIn, request.HttpContext.RequestAborted),
            invite => Json(ServerJson.Of(invite), StatusCodes.Status201Created));
    }

    private static async Task<IResult> RevokeInviteAsync(string id, string code, ClaimsPrincipal user, RevokeInvite revoke, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound : Answer(await revoke.HandleAsync(Actor(user), serverId, code, ct), _ => Results.NoContent());

    private static async Task<IResult> ViewInviteAsync(string code, ClaimsPrincipal user, ViewInvite view, CancellationToken ct) =>
        Answer(await view.HandleAsync(Actor(user), code, ct), preview => Json(new
        {
            preview.Invite.Code,
            preview.Invite.ExpiresAt,
            preview.Invite.MaxUses,
            preview.Invite.Uses,
            Server = new { preview.Server.Id, Title = preview.Server.Name, preview.Server.Description, ImageUrl = ServerJson.ImageUrl(preview.Server.IconFile), preview.Server.InviteOnly },
            preview.MemberCount,
        }));

    private static async Task<IResult> JoinByInviteAsync(string code, ClaimsPrincipal user, JoinByInvite join, CancellationToken ct) =>
        Answer(await join.HandleAsync(Actor(user), code, ct), member => Json(member));

    // --- Members and bans ----------------------------------------------------------------------------------------

    private static async Task<IResult> ListMembersAsync(string id, ClaimsPrincipal user, ListMembers list, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound : Answer(await list.HandleAsync(Actor(user), serverId, ct), members => Json(members));

    private static async Task<IResult> RemoveMemberAsync(string id, string userId, ClaimsPrincipal user, LeaveServer leave, KickMember kick, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var serverId))
        {
            return ServerNotFound;
        }
        if (!Guid.TryParse(userId, out var targetId))
        {
            return MemberNotFound;
        }
        var actor = Actor(user);
        var result = targetId == actor ? await leave.HandleAsync(actor, serverId, ct) : await kick.HandleAsync(actor, serverId, targetId, ct);
        return Answer(result, _ => Results.NoContent());
    }

    private static async Task<IResult> BanAsync(string id, string userId, HttpRequest request, ClaimsPrincipal user, BanMember ban)
    {
        if (!Guid.TryParse(id, out var serverId))
        {
            return ServerNotFound;
        }
        if (!Guid.TryParse(userId, out var targetId))
        {
            return Problem("User not found", StatusCodes.Status404NotFound);
        }
        var (body, refusal) = await JsonBody.ReadAsync(request, optional: true);
        if (body is null)
        {
            return refusal!;
        }
        var reason = body.Text("reason");
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await ban.HandleAsync(Actor(user), serverId, targetId, reason, request.HttpContext.RequestAborted), _ => Results.NoContent());
    }

    private static async Task<IResult> UnbanAsync(string id, string userId, ClaimsPrincipal user, UnbanMember unban, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound
            : !Guid.TryParse(userId, out var targetId) ? Problem("Ban not found", StatusCodes.Status404NotFound)
            : Answer(await unban.HandleAsync(Actor(user), serverId, targetId, ct), _ => Results.NoContent());

    // --- Roles ---------------------------------------------------------------------------------------------------

    private static async Task<IResult> ListRolesAsync(string id, ClaimsPrincipal user, ListRoles list, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound : Answer(await list.HandleAsync(Actor(user), serverId, ct), roles => Json(roles.Select(ServerJson.Of)));

    private static async Task<IResult> CreateRoleAsync(string id, HttpRequest request, ClaimsPrincipal user, CreateRole create)
    {
        if (!Guid.TryParse(id, out var serverId))
        {
            return ServerNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var draft = new RoleDraft(body.Text("name", required: true), body.Text("color"), body.Permissions("permissions") ?? Permissions.None);
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await create.HandleAsync(Actor(user), serverId, draft, request.HttpContext.RequestAborted), role => Json(ServerJson.Of(role), StatusCodes.Status201Created));
    }

    private static async Task<IResult> UpdateRoleAsync(string id, string roleId, HttpRequest request, ClaimsPrincipal user, UpdateRole update, ReorderRoles reorder)
    {
        if (!Guid.TryParse(id, out var serverId) || !Guid.TryParse(roleId, out var role))
        {
            return Guid.TryParse(id, out _) ? RoleNotFound : ServerNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var changes = new RoleChanges(body.Text("name"), body.Has("color"), body.Text("color"), body.Permissions("permissions"));
        var position = body.WholeNumber("position");
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        var ct = request.HttpContext.RequestAborted;
        var actor = Actor(user);
        var updated = await update.HandleAsync(actor, serverId, role, changes, ct);
        if (!updated.IsOk || position is not { } wanted || wanted == updated.Value!.Position)
        {
            return Answer(updated, r => Json(ServerJson.Of(r)));
        }
        return Answer(await reorder.MoveAsync(actor, serverId, role, wanted, ct), r => Json(ServerJson.Of(r)));
    }

    private static async Task<IResult> DeleteRoleAsync(string id, string roleId, ClaimsPrincipal user, DeleteRole delete, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound
            : !Guid.TryParse(roleId, out var role) ? RoleNotFound
            : Answer(await delete.HandleAsync(Actor(user), serverId, role, ct), _ => Results.NoContent());

    private static async Task<IResult> AssignRoleAsync(string id, string userId, string roleId, ClaimsPrincipal user, AssignRole assign, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound
            : !Guid.TryParse(userId, out var target) ? MemberNotFound
            : !Guid.TryParse(roleId, out var role) ? RoleNotFound
            : Answer(await assign.HandleAsync(Actor(user), serverId, target, role, ct), _ => Results.NoContent());

    private static async Task<IResult> RemoveRoleAsync(string id, string userId, string roleId, ClaimsPrincipal user, RemoveRole remove, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound
            : !Guid.TryParse(userId, out var target) ? MemberNotFound
            : !Guid.TryParse(roleId, out var role) ? RoleNotFound
            : Answer(await remove.HandleAsync(Actor(user), serverId, target, role, ct), _ => Results.NoContent());

    // --- Categories ----------------------------------------------------------------------------------------------

    private static async Task<IResult> ListCategoriesAsync(string id, ClaimsPrincipal user, ListCategories list, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound
            : Answer(await list.HandleAsync(Actor(user), serverId, ct), found => Json(found.Categories.Select(c => new
            {
                c.Id, c.ServerId, Title = c.Name, c.Position, Collapsed = found.Collapsed.Contains(c.Id),
            })));

    private static async Task<IResult> CreateCategoryAsync(string id, HttpRequest request, ClaimsPrincipal user, CreateCategory create)
    {
        if (!Guid.TryParse(id, out var serverId))
        {
            return ServerNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var title = body.Text("title", required: true);
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await create.HandleAsync(Actor(user), serverId, title, request.HttpContext.RequestAborted), c => Json(ServerJson.Of(c), StatusCodes.Status201Created));
    }

    private static async Task<IResult> UpdateCategoryAsync(string id, string categoryId, HttpRequest request, ClaimsPrincipal user, RenameCategory rename, ReorderCategories reorder)
    {
        if (!Guid.TryParse(id, out var serverId) || !Guid.TryParse(categoryId, out var category))
        {
            return Guid.TryParse(id, out _) ? CategoryNotFound : ServerNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var title = body.Text("title");
        var position = body.WholeNumber("position");
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        var ct = request.HttpContext.RequestAborted;
        var actor = Actor(user);
        if (title is not null || position is null)
        {
            // Without a title, renaming to the same name still asks the permission, so nothing to change is still 403 for those without it.
            var renamed = await rename.HandleAsync(actor, serverId, category, title, ct, keepNameWhenNull: true);
            if (!renamed.IsOk || position is null)
            {
                return Answer(renamed, c => Json(ServerJson.Of(c)));
            }
        }
        return Answer(await reorder.MoveAsync(actor, serverId, category, position.Value, ct), c => Json(ServerJson.Of(c)));
    }

    private static async Task<IResult> DeleteCategoryAsync(string id, string categoryId, ClaimsPrincipal user, DeleteCategory delete, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound
            : !Guid.TryParse(categoryId, out var category) ? CategoryNotFound
            : Answer(await delete.HandleAsync(Actor(user), serverId, category, ct), _ => Results.NoContent());

    private static async Task<IResult> CollapseAsync(string id, string categoryId, ClaimsPrincipal user, CollapseCategory collapse, bool collapsed, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound
            : !Guid.TryParse(categoryId, out var category) ? CategoryNotFound
            : Answer(await collapse.HandleAsync(Actor(user), serverId, category, collapsed, ct), _ => Results.NoContent());

    // --- Channels ------------------------------------------------------------------------------------------------

    private static async Task<IResult> ListChannelsAsync(string id, ClaimsPrincipal user, ListChannels list, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound
            : Answer(await list.HandleAsync(Actor(user), serverId, ct), channels => Json(channels.Select(v => ServerJson.Of(v.Channel))));

    private static async Task<IResult> CreateChannelAsync(string id, HttpRequest request, ClaimsPrincipal user, CreateChannel create)
    {
        if (!Guid.TryParse(id, out var serverId))
        {
            return ServerNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var title = body.Text("title", required: true);
        var type = ChannelTypeOf(body);
        var topic = body.Text("description");
        var category = body.Id("category_id");
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        return Answer(await create.HandleAsync(Actor(user), serverId, new ChannelDraft(title, type ?? ChannelType.Text, topic, category), request.HttpContext.RequestAborted),
            channel => Json(ServerJson.Of(channel), StatusCodes.Status201Created));
    }

    private static ChannelType? ChannelTypeOf(JsonBody body)
    {
        var type = body.Text("type");
        switch (type)
        {
            case null:
                return null;
            case "text":
                return ChannelType.Text;
            case "voice":
                return ChannelType.Voice;
            default:
                body.Problems.Add("'type' is \"text\" or \"voice\".");
                return null;
        }
    }

    private static async Task<IResult> UpdateChannelAsync(string id, string channelId, HttpRequest request, ClaimsPrincipal user, UpdateChannel update, ReorderChannels reorder)
    {
        if (!Guid.TryParse(id, out var serverId) || !Guid.TryParse(channelId, out var channel))
        {
            return Guid.TryParse(id, out _) ? ChannelNotFound : ServerNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var move = body.Has("category_id");
        var changes = new ChannelChanges(body.Text("title"), body.Text("description"), move, body.Id("category_id"));
        var position = body.WholeNumber("position");
        if (body.Has("type"))
        {
            body.Problems.Add("A channel's type is fixed when it is created.");
        }
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        var ct = request.HttpContext.RequestAborted;
        var actor = Actor(user);
        var updated = await update.HandleAsync(actor, serverId, channel, changes, ct);
        if (!updated.IsOk || position is not { } wanted || wanted == updated.Value!.Position)
        {
            return Answer(updated, c => Json(ServerJson.Of(c)));
        }
        return Answer(await reorder.MoveAsync(actor, serverId, channel, wanted, ct), c => Json(ServerJson.Of(c)));
    }

    private static async Task<IResult> DeleteChannelAsync(string id, string channelId, ClaimsPrincipal user, DeleteChannel delete, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound
            : !Guid.TryParse(channelId, out var channel) ? ChannelNotFound
            : Answer(await delete.HandleAsync(Actor(user), serverId, channel, ct), _ => Results.NoContent());

    private static async Task<IResult> ListOverridesAsync(string id, string channelId, ClaimsPrincipal user, ListChannelOverrides list, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound
            : !Guid.TryParse(channelId, out var channel) ? ChannelNotFound
            : Answer(await list.HandleAsync(Actor(user), serverId, channel, ct), overrides => Json(overrides.Select(ServerJson.Of)));

    /// <summary>
    /// <c>PUT …/permissions/{role_id}</c> with <c>{allow?, deny?}</c> (decimal strings) and/or the Chat system's
    /// <c>{can_read?, can_write?, can_edit?}</c>: true allows, false denies, null inherits that permission; fields left
    /// out keep what the override had.
    /// </summary>
    private static async Task<IResult> SetOverrideAsync(string id, string channelId, string roleId, HttpRequest request, ClaimsPrincipal user, SetChannelOverride set, ListChannelOverrides list)
    {
        if (!Guid.TryParse(id, out var serverId))
        {
            return ServerNotFound;
        }
        if (!Guid.TryParse(channelId, out var channel))
        {
            return ChannelNotFound;
        }
        if (!Guid.TryParse(roleId, out var role))
        {
            return RoleNotFound;
        }
        var (body, refusal) = await JsonBody.ReadAsync(request);
        if (body is null)
        {
            return refusal!;
        }
        var allow = body.Permissions("allow");
        var deny = body.Permissions("deny");
        var flags = new (string Name, Permissions Permission)[] { ("can_read", Permissions.ViewChannel), ("can_write", Permissions.SendMessages), ("can_edit", Permissions.ManageChannels) };
        var values = flags.Select(f => (f.Permission, Present: body.Has(f.Name), Value: body.Bool(f.Name))).ToList();
        if (body.Problems.Count > 0)
        {
            return body.Refusal;
        }
        var actor = Actor(user);
        var ct = request.HttpContext.RequestAborted;
        if (allow is null || deny is null)
        {
            var existing = await list.HandleAsync(actor, serverId, channel, ct);
            if (!existing.IsOk)
            {
                return Answer(existing, _ => Results.Empty);
            }
            var current = existing.Value!.FirstOrDefault(o => o.RoleId == role);
            allow ??= current?.Allow ?? Permissions.None;
            deny ??= current?.Deny ?? Permissions.None;
        }
        foreach (var (permission, present, value) in values.Where(v => v.Present))
        {
            allow = value == true ? allow | permission : allow & ~permission;
            deny = value == false ? deny | permission : deny & ~permission;
        }
        return Answer(await set.HandleAsync(actor, serverId, channel, role, allow.Value, deny.Value, ct), o => Json(ServerJson.Of(o)));
    }

    private static async Task<IResult> MuteAsync(string id, string channelId, ClaimsPrincipal user, MuteChannel mute, bool muted, CancellationToken ct) =>
        !Guid.TryParse(id, out var serverId) ? ServerNotFound
            : !Guid.TryParse(channelId, out var channel) ? ChannelNotFound
            : Answer(await mute.HandleAsync(Actor(user), serverId, channel, muted, ct), _ => Results.NoContent());

    // --- Plumbing ------------------------------------------------------------------------------------------------

    private static Guid Actor(ClaimsPrincipal user) => CurrentUser.RequiredId(user);

    private static IResult Json(object value, int status = StatusCodes.Status200OK) => Results.Json(value, ServerJson.Options, statusCode: status);

    private static IResult Problem(string detail, int status) => ApiCredentials.Refuse(detail, status);

    /// <summary>A use case's result as HTTP: <paramref name="ok"/> when done, else the problem document of its status.</summary>
    private static IResult Answer<T>(ServerResult<T> result, Func<T, IResult> ok) => result.Status switch
    {
        ServerStatus.Ok => ok(result.Value!),
        ServerStatus.BadInput => Problem(result.Detail, StatusCodes.Status400BadRequest),
        ServerStatus.Forbidden => Problem(result.Detail, StatusCodes.Status403Forbidden),
        ServerStatus.Gone => Problem(result.Detail, StatusCodes.Status410Gone),
        ServerStatus.TooManyRequests => Problem(result.Detail, StatusCodes.Status429TooManyRequests),
        _ => Problem(result.Detail, StatusCodes.Status404NotFound),
    };

    private static IResult ServerNotFound => Problem("Server not found", StatusCodes.Status404NotFound);

    private static IResult MemberNotFound => Problem("Member not found", StatusCodes.Status404NotFound);

    private static IResult RoleNotFound => Problem("Role not found", StatusCodes.Status404NotFound);

    private static IResult CategoryNotFound => Problem("Category not found", StatusCodes.Status404NotFound);

    private static IResult ChannelNotFound => Problem("Channel not found", StatusCodes.Status404NotFound);
}
