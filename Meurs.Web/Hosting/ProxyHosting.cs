using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Hosting;

/// <summary>
/// Meurs behind a reverse proxy (Caddy, see the Caddyfile): <c>X-Forwarded-For/Proto/Host</c> are believed only from
/// the known proxies (loopback by default), and absolute links come from <see cref="PublicUrl"/>.
/// </summary>
internal static class ProxyHosting
{
    /// <summary>Registers <see cref="ProxyOptions"/> (checked at start-up), the forwarded-headers settings and <see cref="PublicUrl"/>.</summary>
    public static WebApplicationBuilder AddProxy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidation>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // One proxy in front: only its own entry (the last) of each header is used.
            forwarded.ForwardLimit = 1;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            var settings = proxy.Value;
            if (settings.KnownProxies.Count == 0 && settings.KnownNetworks.Count == 0)
            {
                forwarded.KnownProxies.Add(IPAddress.Loopback);
                forwarded.KnownProxies.Add(IPAddress.IPv6Loopback);
                forwarded.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
                return;
            }
            foreach (var address in settings.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(address));
            }
            foreach (var network in settings.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddSingleton<PublicUrl>();
        return builder;
    }

    /// <summary>
    /// Applies a known proxy's forwarded headers to the request (client address, scheme, host); first in the pipeline,
    /// so everything after sees the browser's view (an https request gets <c>Secure</c> cookies). Then makes redirects
    /// within the site relative: the framework builds them absolute from the request's <c>Host</c> (a page's
    /// <c>NavigateTo</c> after a form post), and a relative one lands on the same site whatever name the browser used.
    /// </summary>
    public static IApplicationBuilder UseProxy(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (headers.Location.Count == 1
                    && Uri.TryCreate(headers.Location.ToString(), UriKind.Absolute, out var target)
                    && (target.Scheme == Uri.UriSchemeHttp || target.Scheme == Uri.UriSchemeHttps)
                    && string.Equals(target.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
                {
                    headers.Location = target.PathAndQuery + target.Fragment;
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    // The sentence from ProxyOptions.Problem, so a start-up failure names the setting and the bad value.
    private sealed class ProxyOptionsValidation : IValidateOptions<ProxyOptions>
    {
        public ValidateOptionsResult Validate(string? name, ProxyOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
