using Microsoft.AspNetCore.StaticFiles;

namespace Meurs.Web;

/// <summary>
/// The one table of MIME types by file extension, for files people share and files in the media library: ASP.NET Core's
/// <see cref="FileExtensionContentTypeProvider"/>, corrected where it lacks a type Meurs serves or differs from the IANA
/// registration.
/// </summary>
public static class MediaTypes
{
    private static readonly FileExtensionContentTypeProvider Table = Create();

    /// <summary>
    /// The MIME type for <paramref name="fileNameOrExtension"/> (a name like <c>song.flac</c> or an extension like
    /// <c>.flac</c>, any case), or null when the table has none.
    /// </summary>
    public static string? For(string fileNameOrExtension)
    {
        ArgumentNullException.ThrowIfNull(fileNameOrExtension);
        var name = fileNameOrExtension.StartsWith('.') ? "file" + fileNameOrExtension : fileNameOrExtension;
        return Table.TryGetContentType(name, out var type) ? type : null;
    }

    // Ogg audio is audio/ogg (RFC 5334 §10.1; the table says video/ogg), Opus in Ogg is audio/ogg too (RFC 7845 §9),
    // FLAC is audio/flac (RFC 9639 §9), and ZIP is application/zip (the table's application/x-zip-compressed is Windows').
    private static FileExtensionContentTypeProvider Create()
    {
        var table = new FileExtensionContentTypeProvider();
        table.Mappings[".ogg"] = "audio/ogg";
        table.Mappings[".opus"] = "audio/ogg";
        table.Mappings[".flac"] = "audio/flac";
        table.Mappings[".zip"] = "application/zip";
        return table;
    }
}
