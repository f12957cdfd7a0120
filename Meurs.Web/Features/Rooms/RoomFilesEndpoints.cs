using System.Security.Claims;
using Meurs.Web.Data;
using Meurs.Web.Hosting;
using Htmx;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Meurs.Web.Features.Rooms;

/// <summary>
/// Shared files: <c>POST /rooms/{id}/files</c> (multipart, part <c>file</c>; members only) answers 201 with
/// <c>{id, file_name, size, content_type, download_url, expires_at}</c> or RFC 9457 problem details with
/// 400/404/413 (too large, or over the person's quota)/415/429 (uploading too fast, with <c>Retry-After</c>) — or, for
/// htmx, a status line for the page. <c>GET /rooms/{id}/files/{fileId}</c> downloads it, always as an attachment with
/// <c>nosniff</c> and a sandboxing Content-Security-Policy, so no shared file is ever rendered in Meurs' origin
/// (members of the open room only; 404 for anyone else, for an expired file, a closed room's and an unknown one).
/// </summary>
internal static class RoomFilesEndpoints
{
    public static IEndpointRouteBuilder MapRoomFiles(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/rooms/{id}/files").RequireAuthorization();

        files.MapPost("", async (string id, HttpContext http, ShareFile share, IAntiforgery antiforgery) =>
        {
            // A browser's cookie is ambient, so its uploads must carry the antiforgery token (in the
            // RequestVerificationToken header, so the multipart body need not be buffered to find it). Bearer tokens are not ambient.
            if (http.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme && !await antiforgery.IsRequestValidAsync(http))
            {
                return Answer(http, StatusCodes.Status400BadRequest, "The form expired; reload the page and try again.", null);
            }
            var result = await share.HandleAsync(id, http.User, http.Request, http.RequestAborted);
            if (result.RetryAfter is { } retryAfter)
            {
                RateLimits.SetRetryAfter(http.Response, retryAfter);
            }
            return Answer(http, result.Status, result.Detail, result.File);
        }).DisableAntiforgery();

        files.MapGet("/{fileId:guid}", async (string id, Guid fileId, ClaimsPrincipal user, MeursDbContext db, JoinRoom membership, ShareFile share, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var userId = CurrentUser.RequiredId(user);
            var now = clock.GetUtcNow().UtcDateTime;
            var file = RoomId.IsValid(id) && await db.Rooms.IsOpenAsync(id, cancellationToken)
                ? await db.SharedFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.RoomId == id && f.ExpiresAt > now, cancellationToken)
                : null;
            var path = file is null ? null : Path.Combine(share.UploadsPath, file.StoredName);
            if (file is null || !await membership.IsMemberAsync(id, userId, cancellationToken) || !File.Exists(path))
            {
                return Results.NotFound(new { detail = "File not found" });
            }
            // fileDownloadName makes it "Content-Disposition: attachment"; nosniff comes with every response.
            return Results.File(path!, file.ContentType, fileDownloadName: file.FileName, enableRangeProcessing: true);
        }).WithMetadata(EndpointContentSecurityPolicy.Sandbox);
        return app;
    }

    /// <summary>
    /// True for an upload (<c>POST /rooms/{id}/files</c>): a program's or htmx's call, never a page a browser navigates
    /// to, so it is answered 401 rather than redirected to the login page.
    /// </summary>
    public static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/rooms", out var rest)
        && rest.Value?.Split('/') is [_, _, "files"];

    private static IResult Answer(HttpContext http, int status, string? detail, SharedFile? file)
    {
        if (http.Request.IsHtmx())
        {
            http.Response.Htmx(htmx => htmx.WithVary());
            var text = file is null ? detail ?? "The file could not be shared." : $"Shared {file.FileName}.";
            return Results.Content($"<span class=\"{(file is null ? "error" : "ok")}\">{System.Net.WebUtility.HtmlEncode(text)}</span>", "text/html", statusCode: status);
        }
        return file is null
            ? Results.Problem(detail, statusCode: status)
            : Results.Json(new
            {
                id = file.Id,
                file_name = file.FileName,
                size = file.Size,
                content_type = file.ContentType,
                download_url = file.DownloadUrl,
                expires_at = file.ExpiresAt,
            }, statusCode: status);
    }
}
