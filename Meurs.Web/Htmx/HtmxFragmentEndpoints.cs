using Microsoft.AspNetCore.Routing.Matching;

namespace Meurs.Web.Htmx;

/// <summary>
/// One URL, page or fragment: an endpoint marked with <see cref="ServesHtmxFragment{TBuilder}"/> answers htmx's partial
/// requests to a URL whose page (a Razor component) answers everything else, and both answers carry
/// <c>Vary: HX-Request, HX-Request-Type</c> so caches keep them apart. A boosted link or a history restore asks for the
/// whole page (htmx 4 sends <c>HX-Request-Type: full</c> when it targets the body), so it gets the page.
/// </summary>
public static class HtmxFragmentEndpoints
{
    /// <summary>The Vary value of both answers: htmx's request marker and the kind of swap it asked for.</summary>
    public const string Vary = "HX-Request, HX-Request-Type";

    /// <summary>Marks the endpoint as the fragment answer of its URL; registers nothing else.</summary>
    public static TBuilder ServesHtmxFragment<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(FragmentMetadata.Instance));
        builder.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.Vary = Vary;
            return await next(context);
        });
        return builder;
    }

    /// <summary>Adds the matcher policy that picks between a page and its fragment endpoint.</summary>
    public static IServiceCollection AddHtmxFragments(this IServiceCollection services)
    {
        services.AddSingleton<MatcherPolicy, FragmentMatcherPolicy>();
        return services;
    }

    private sealed class FragmentMetadata
    {
        public static readonly FragmentMetadata Instance = new();
    }

    // Runs after the route matched: among the candidates for the URL, keep the fragment endpoint for a partial htmx
    // request and the others (the page) for anything else. A URL without a fragment endpoint is left alone.
    private sealed class FragmentMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
    {
        public override int Order => 0;

        public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
            endpoints.Any(e => e.Metadata.GetMetadata<FragmentMetadata>() is not null);

        public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
        {
            var hasFragment = false;
            var hasPage = false;
            for (var i = 0; i < candidates.Count; i++)
            {
                if (candidates.IsValidCandidate(i))
                {
                    _ = candidates[i].Endpoint.Metadata.GetMetadata<FragmentMetadata>() is null ? hasPage = true : hasFragment = true;
                }
            }
            if (!hasFragment || !hasPage)
            {
                return Task.CompletedTask;
            }
            var partial = httpContext.Request.IsHtmxPartial();
            for (var i = 0; i < candidates.Count; i++)
            {
                var isFragment = candidates[i].Endpoint.Metadata.GetMetadata<FragmentMetadata>() is not null;
                if (candidates.IsValidCandidate(i) && isFragment != partial)
                {
                    candidates.SetValidity(i, false);
                }
            }
            return Task.CompletedTask;
        }
    }
}
