using Microsoft.AspNetCore.Http.HttpResults;

namespace Meurs.Web.Features.Messages;

/// <summary><c>GET /channels/{id}/pins</c> → the channel's <see cref="PinnedList"/> as HTML (ViewChannel; 404/403 otherwise).</summary>
public static class PinsPageEndpoints
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapPinsPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/channels/{channelId:guid}/pins", PinsAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> PinsAsync(Guid channelId, HttpContext http, ListPinnedMessages list, CancellationToken cancellationToken)
    {
        var (pinned, refusal) = await list.HandleAsync(CurrentUser.RequiredId(http.User), channelId, cancellationToken);
        if (refusal is not null)
        {
            return Results.Problem(refusal.Detail, statusCode: refusal.Status);
        }
        return new RazorComponentResult<PinnedList>(new Dictionary<string, object?> { [nameof(PinnedList.Pinned)] = pinned });
    }
}
