namespace Meurs.Web.Realtime;

/// <summary>
/// The one refusal type of the fabric: a policy saying no, a command that cannot be read or carried out. Before the
/// upgrade it becomes an HTTP problem with <see cref="Status"/>; on an open socket it becomes the protocol's error
/// message (<c>{"type":"error","code","detail"}</c> for JSON) and the socket stays open.
/// </summary>
/// <param name="Code">Stable, for programs: <c>bad_json</c>, <c>bad_request</c>, <c>unknown_type</c>, <c>forbidden</c>, <c>not_found</c>, or a feature's own.</param>
/// <param name="Detail">A sentence for people.</param>
/// <param name="Status">The HTTP status when refused before the upgrade (404 for a private object one may not see, 403 where its existence is public).</param>
public sealed record RealtimeRefusal(string Code, string Detail, int Status = StatusCodes.Status400BadRequest)
{
    /// <summary>Not found, or not yours to see (ids cannot be probed).</summary>
    public static RealtimeRefusal NotFound(string detail) => new("not_found", detail, StatusCodes.Status404NotFound);

    /// <summary>Seen, but not allowed.</summary>
    public static RealtimeRefusal Forbidden(string detail) => new("forbidden", detail, StatusCodes.Status403Forbidden);
}
