using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Meurs.Web.Hosting;

/// <summary>
/// The address people reach Meurs at (<see cref="ProxyOptions.PublicUrl"/>), for building absolute links. A request's
/// <c>Host</c> header is chosen by whoever sends it, so a link built from it could point anywhere; this never reads it.
/// </summary>
public sealed class PublicUrl(IOptions<ProxyOptions> options, IServer server)
{
    private Uri? resolved;

    /// <summary>The base address, ending in <c>/</c>: the configured one, or (unset) the first address Kestrel listens on.</summary>
    public Uri Base => resolved ??= options.Value.ParsedPublicUrl ?? FromServer();

    /// <summary>True when <see cref="ProxyOptions.PublicUrl"/> is set, rather than guessed from the listening address.</summary>
    public bool IsConfigured => options.Value.ParsedPublicUrl is not null;

    /// <summary>The origin browsers send for pages of <see cref="Base"/> (RFC 6454 §6.2): scheme, host and non-default port.</summary>
    public string Origin => Base.GetLeftPart(UriPartial.Authority);

    /// <summary>The absolute address of <paramref name="path"/> (relative to the site root, with or without a leading <c>/</c>).</summary>
    public Uri For(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new Uri(Base, path.TrimStart('/'));
    }

    // Read when first needed, after Kestrel has bound (port 0 has become a real port by then).
    private Uri FromServer()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => Uri.TryCreate(a.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri is not null);
        if (address is null)
        {
            return new Uri("http://localhost/");
        }
        var builder = new UriBuilder(address.Scheme, address.Host, address.Port, "/");
        if (address.Host is "0.0.0.0" or "[::]")
        {
            builder.Host = FirstNetworkAddress() ?? "localhost";
        }
        return builder.Uri;
    }

    // A wildcard listener is reachable at every address; the first IPv4 address of an interface that is up is the one
    // other machines on the network are likeliest to reach (the media server announces the same kind of address).
    private static string? FirstNetworkAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a))
            ?.ToString();
}
