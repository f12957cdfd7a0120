namespace Meurs.Media.Srtp;

/// <summary>
/// ISrtpKeyingMaterialExporter is the one thing SRTP needs from DTLS: the TLS exporter
/// (RFC 5705) of an established association, so SRTP never depends on the DTLS code.
/// </summary>
public interface ISrtpKeyingMaterialExporter
{
    /// <summary>
    /// ExportKeyingMaterial returns <paramref name="length"/> bytes exported under
    /// <paramref name="label"/> with no context (RFC 5705 §4; RFC 5764 §4.2 uses
    /// "EXTRACTOR-dtls_srtp").
    /// </summary>
    byte[] ExportKeyingMaterial(string label, int length);
}
