using Meurs.Web.Features.Messages;

namespace Meurs.Tests.Web.Messages;

/// <summary>The mention parser on its own: who and what a text mentions, given the server's members and roles.</summary>
public sealed class MentionParserTests
{
    private static readonly MentionableUser Bob = new(Guid.NewGuid(), "bob");
    private static readonly MentionableUser Dotted = new(Guid.NewGuid(), "j.doe-2_x");
    private static readonly MentionableUser Digits = new(Guid.NewGuid(), "user42");
    private static readonly MentionableRole Admin = new(Guid.NewGuid(), "Admin");
    private static readonly MentionableRole Mods = new(Guid.NewGuid(), "Mods");
    private static readonly MentionableRole ModsTeam = new(Guid.NewGuid(), "Mods team");
    private static readonly MentionableUser[] Members = [Bob, Dotted, Digits];
    private static readonly MentionableRole[] Roles = [Admin, Mods, ModsTeam];

    private static ParsedMentions Parse(string text, bool everyone = false) => MentionParser.Parse(text, Members, Roles, everyone);

    [Fact]
    public void Parse_NoAt_NothingMentioned() => Assert.Same(ParsedMentions.None, Parse("hello world"));

    [Fact]
    public void Parse_Username_MentionsThatMemberOnce()
    {
        var parsed = Parse("hi @bob and again @BOB!");
        Assert.Equal([Bob], parsed.Users);
        Assert.Empty(parsed.Roles);
        Assert.False(parsed.Everyone);
    }

    [Theory]
    [InlineData("ping @j.doe-2_x now", "j.doe-2_x")]
    [InlineData("ping @j.doe-2_x.", "j.doe-2_x")]
    [InlineData("@user42, look", "user42")]
    [InlineData("(@bob)", "bob")]
    public void Parse_UsernamesWithDotsDashesUnderscoresAndDigits_AreFound(string text, string expected)
    {
        var parsed = Parse(text);
        Assert.Equal(expected, Assert.Single(parsed.Users).UserName);
    }

    [Fact]
    public void Parse_NonMember_IsIgnored() => Assert.Empty(Parse("hello @carol").Users);

    [Fact]
    public void Parse_EmailAddress_IsNoMention() => Assert.Empty(Parse("mail bob@bob.com").Users);

    [Fact]
    public void Parse_Role_CaseInsensitiveAndLongestNameFirst()
    {
        Assert.Equal([Admin], Parse("@admin help").Roles);
        Assert.Equal([ModsTeam], Parse("calling @Mods team: hi").Roles);
        Assert.Equal([Mods], Parse("calling @Mods now").Roles);
        Assert.Empty(Parse("@Modsters").Roles);
    }

    [Fact]
    public void Parse_UserAndRole_BothFound()
    {
        var parsed = Parse("@bob and @Admin");
        Assert.Equal([Bob], parsed.Users);
        Assert.Equal([Admin], parsed.Roles);
    }

    [Theory]
    [InlineData("@everyone wake up")]
    [InlineData("hey @here")]
    public void Parse_Everyone_CountsOnlyWithThePermission(string text)
    {
        Assert.True(Parse(text, everyone: true).Everyone);
        Assert.False(Parse(text, everyone: false).Everyone);
    }

    [Theory]
    [InlineData("look: `@bob` is code")]
    [InlineData("```\n@bob\n```")]
    [InlineData("``@bob``")]
    public void Parse_InsideCode_NotCounted(string text) => Assert.Empty(Parse(text).Users);

    [Fact]
    public void CandidateNames_TrimsTrailingPunctuationOneByOne() =>
        Assert.Equal(["a.b-.", "a.b-", "a.b"], MentionParser.CandidateNames("x @a.b-."));
}
