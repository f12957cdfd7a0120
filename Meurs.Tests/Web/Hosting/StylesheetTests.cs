using System.Text.RegularExpressions;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Hosting;

/// <summary>
/// The stylesheets are well formed. A browser closes an unclosed block at the end of the file, so one missing brace
/// silently puts every rule after it inside the block: an unclosed <c>@media (max-width: 44rem)</c> once made the
/// library's and the player bar's styles apply on phones only.
/// </summary>
public sealed partial class StylesheetTests
{
    public static TheoryData<string> Stylesheets() =>
        [.. Directory.GetFiles(Path.Combine(MeursFactory.RepoRoot, "wwwroot", "css"), "*.css").Select(Path.GetFileName).OfType<string>()];

    [Theory]
    [MemberData(nameof(Stylesheets))]
    public void Stylesheet_EveryBlockIsClosedWhereItShouldBe(string file)
    {
        var text = Comments().Replace(File.ReadAllText(Path.Combine(MeursFactory.RepoRoot, "wwwroot", "css", file)), "");
        var depth = 0;
        var line = 1;
        foreach (var c in text)
        {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            line += c == '\n' ? 1 : 0;
            Assert.True(depth >= 0, $"{file}: a '}}' with no block open, line {line}");
            Assert.True(depth <= 2, $"{file}: blocks nested three deep at line {line}: a block above is probably not closed");
        }
        Assert.True(depth == 0, $"{file}: {depth} block(s) never closed");
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
