using System.Text;
using Meurs.Web;

namespace Meurs.Tests.Web.Rooms;

public sealed class FileSignatureTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1];
    private static readonly byte[] Gif87 = Bytes("GIF87a", 0x01, 0x00, 0x01, 0x00);
    private static readonly byte[] Gif89 = Bytes("GIF89a", 0x01, 0x00, 0x01, 0x00);
    private static readonly byte[] Webp = Bytes("RIFF", 0x24, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P', (byte)'V', (byte)'P', (byte)'8', (byte)' ');
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3");
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0];
    private static readonly byte[] EmptyZip = [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] Id3 = Bytes("ID3", 4, 0, 0, 0, 0, 0, 0);
    private static readonly byte[] MpegFrame = [0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0];
    private static readonly byte[] Ogg = Bytes("OggS", 0, 2, 0, 0, 0, 0, 0, 0, 0, 0);
    private static readonly byte[] Flac = Bytes("fLaC", 0, 0, 0, 0x22);
    private static readonly byte[] Wav = Bytes("RIFF", 0x24, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E', (byte)'f', (byte)'m', (byte)'t', (byte)' ');
    private static readonly byte[] Mp4 = [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m'];
    private static readonly byte[] M4a = [0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'M', (byte)'4', (byte)'A', (byte)' '];
    private static readonly byte[] Webm = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81];
    private static readonly byte[] Text = Encoding.UTF8.GetBytes("hello, wörld\n");
    private static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0];
    private static readonly byte[] Html = Encoding.UTF8.GetBytes("<!doctype html>");

    public static TheoryData<string, byte[], string> Matching => new()
    {
        { "a.png", Png, "image/png" },
        { "a.PNG", Png, "image/png" },
        { "a.jpg", Jpeg, "image/jpeg" },
        { "a.jpeg", Jpeg, "image/jpeg" },
        { "a.gif", Gif87, "image/gif" },
        { "a.gif", Gif89, "image/gif" },
        { "a.webp", Webp, "image/webp" },
        { "a.pdf", Pdf, "application/pdf" },
        { "a.zip", Zip, "application/zip" },
        { "a.zip", EmptyZip, "application/zip" },
        { "a.mp3", Id3, "audio/mpeg" },
        { "a.mp3", MpegFrame, "audio/mpeg" },
        { "a.ogg", Ogg, "audio/ogg" },
        { "a.opus", Ogg, "audio/ogg" },
        { "a.flac", Flac, "audio/flac" },
        { "a.wav", Wav, "audio/wav" },
        { "a.mp4", Mp4, "video/mp4" },
        { "a.m4a", M4a, "audio/mp4" },
        { "a.webm", Webm, "video/webm" },
        { "a.txt", Text, "text/plain" },
    };

    [Theory]
    [MemberData(nameof(Matching))]
    public void Detect_ContentMatchingTheExtension_ReturnsItsType(string fileName, byte[] header, string type)
    {
        Assert.Equal(type, FileSignature.Detect(fileName, header));
    }

    [Fact]
    public void Matching_CoversEveryAllowedExtension()
    {
        var covered = Matching.Select(row => Path.GetExtension((string)row[0]).ToLowerInvariant()).ToHashSet();
        Assert.Equal(FileSignature.Extensions.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, byte[]> Mismatching => new()
    {
        { "a.png", Jpeg },
        { "a.png", Text },
        { "a.png", Png[..7] },
        { "a.jpg", Png },
        { "a.jpeg", [0xFF, 0xD8] },
        { "a.gif", Bytes("GIF88a") },
        { "a.webp", Wav },
        { "a.webp", Bytes("RIFF") },
        { "a.pdf", Bytes("PDF-1.7") },
        { "a.zip", Exe },
        { "a.zip", [0x50, 0x4B, 0x07, 0x08] },
        { "a.mp3", Text },
        { "a.mp3", [0xFF, 0x1B] },
        { "a.ogg", Flac },
        { "a.opus", Bytes("Opus") },
        { "a.flac", Ogg },
        { "a.wav", Webp },
        { "a.mp4", Webm },
        { "a.mp4", [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y'] },
        { "a.m4a", Id3 },
        { "a.webm", Mp4 },
        { "a.txt", Png },
        { "a.txt", [(byte)'a', 0, (byte)'b'] },
        { "a.txt", [(byte)'a', 0xC3, 0x28, (byte)'b'] },
        { "a.txt", [0xFF, 0xFE, (byte)'a', 0] },
    };

    [Theory]
    [MemberData(nameof(Mismatching))]
    public void Detect_ContentNotMatchingTheExtension_ReturnsNull(string fileName, byte[] header)
    {
        Assert.Null(FileSignature.Detect(fileName, header));
    }

    [Theory]
    [InlineData("tool.exe")]
    [InlineData("page.html")]
    [InlineData("image.svg")]
    [InlineData("script.js")]
    [InlineData("noextension")]
    [InlineData("archive.png.exe")]
    [InlineData("")]
    public void Detect_ExtensionNotAllowed_ReturnsNullWhateverTheContent(string fileName)
    {
        foreach (var header in new[] { Png, Exe, Html, Text, Zip })
        {
            Assert.Null(FileSignature.Detect(fileName, header));
        }
    }

    [Fact]
    public void Detect_Empty_ReturnsNullForBinaryTypes()
    {
        foreach (var extension in FileSignature.Extensions.Where(e => e != ".txt"))
        {
            Assert.Null(FileSignature.Detect("a" + extension, []));
        }
    }

    [Fact]
    public void Detect_TextWithAMultiByteCharacterCutAtTheEndOfTheHeader_IsText()
    {
        var bytes = Encoding.UTF8.GetBytes("abcdefghijklmno€");
        Assert.True(bytes.Length > FileSignature.HeaderLength);

        Assert.Equal("text/plain", FileSignature.Detect("a.txt", bytes.AsSpan(0, FileSignature.HeaderLength)));
    }

    [Theory]
    [InlineData("photo.png", "photo.png")]
    [InlineData("../../evil.png", "evil.png")]
    [InlineData("..\\..\\evil.png", "evil.png")]
    [InlineData("C:\\x\\evil.png", "evil.png")]
    [InlineData("/etc/passwd", "passwd")]
    [InlineData("dir/sub/", null)]
    [InlineData("..png", "png")]
    [InlineData(".hidden.txt", "hidden.txt")]
    [InlineData("name.png.", "name.png")]
    [InlineData("  spaced name.png  ", "spaced name.png")]
    [InlineData("tab\tname\r\n.png", "tabname.png")]
    [InlineData("nul\0byte.png", "nulbyte.png")]
    [InlineData("..", null)]
    [InlineData("...", null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("\u0001\u0002", null)]
    [InlineData(null, null)]
    [InlineData("résumé ✓.pdf", "résumé ✓.pdf")]
    public void CleanName_Input_GivesDisplayableNameWithoutPathParts(string? input, string? expected)
    {
        Assert.Equal(expected, FileSignature.CleanName(input));
    }

    [Fact]
    public void CleanName_LongerThan255_IsCutKeepingTheExtension()
    {
        var name = new string('n', 400) + ".png";

        var cleaned = FileSignature.CleanName(name);

        Assert.Equal(255, cleaned!.Length);
        Assert.EndsWith(".png", cleaned, StringComparison.Ordinal);
        Assert.StartsWith("nnn", cleaned, StringComparison.Ordinal);
    }

    [Fact]
    public void CleanName_Exactly255_IsKept()
    {
        var name = new string('n', 251) + ".png";

        Assert.Equal(name, FileSignature.CleanName(name));
    }

    [Fact]
    public void CleanName_LongNameWithAnExtensionOver255_IsCutWithoutThrowing()
    {
        var name = "a." + new string('x', 300);

        var cleaned = FileSignature.CleanName(name);

        Assert.Equal(255, cleaned!.Length);
        Assert.StartsWith("a.xxx", cleaned, StringComparison.Ordinal);
    }

    [Fact]
    public void Sniff_ByContentWhateverTheName()
    {
        Assert.Equal(".png", FileSignature.Sniff(Png));
        Assert.Equal(".jpg", FileSignature.Sniff(Jpeg));
        Assert.Equal(".gif", FileSignature.Sniff(Gif89));
        Assert.Equal(".webp", FileSignature.Sniff(Webp));
        Assert.Equal(".m4a", FileSignature.Sniff([0, 0, 0, 0x20, .. Encoding.ASCII.GetBytes("ftypM4A ")]));
        Assert.Equal(".mp4", FileSignature.Sniff([0, 0, 0, 0x20, .. Encoding.ASCII.GetBytes("ftypisom")]));
        Assert.Null(FileSignature.Sniff(Encoding.ASCII.GetBytes("<html><script>")));
        Assert.Null(FileSignature.Sniff([]));
    }

    private static byte[] Bytes(string ascii, params byte[] more) => [.. Encoding.ASCII.GetBytes(ascii), .. more];
}
