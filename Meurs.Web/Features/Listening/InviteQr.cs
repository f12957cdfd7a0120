using System.Globalization;
using System.Text;
using QRCoder;

namespace Meurs.Web.Features.Listening;

/// <summary>
/// A session's invite link as a QR code, drawn as inline SVG from QRCoder's module matrix: one path of unit squares,
/// no style attribute (the CSP forbids inline styles) and no external service. Colours come from the stylesheet
/// (<c>.invite-qr</c>), dark on light whatever the theme, as scanners expect.
/// </summary>
public static class InviteQr
{
    /// <summary>The SVG markup of <paramref name="text"/> (medium error correction, a four-module quiet zone).</summary>
    public static string Svg(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix; // includes QRCoder's quiet zone of four modules on each side
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            for (var x = 0; x < size; x++)
            {
                if (!row[x]) continue;
                var run = 1;
                while (x + run < size && row[x + run]) run++;
                path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
                x += run - 1;
            }
        }
        return $"<svg class=\"invite-qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"192\" height=\"192\" role=\"img\" aria-label=\"QR code of the invite link\" shape-rendering=\"crispEdges\">"
            + $"<rect class=\"qr-light\" width=\"{size}\" height=\"{size}\"/><path class=\"qr-dark\" d=\"{path}\"/></svg>";
    }
}
