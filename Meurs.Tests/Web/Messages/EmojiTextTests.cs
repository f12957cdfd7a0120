using Meurs.Web.Features.Messages;

namespace Meurs.Tests.Web.Messages;

/// <summary>What a reaction may be: one emoji, nothing else.</summary>
public sealed class EmojiTextTests
{
    [Theory]
    [InlineData("👍")]
    [InlineData("👍🏽")]
    [InlineData("❤️")]
    [InlineData("❤")]
    [InlineData("👨‍👩‍👧‍👦")]
    [InlineData("🇫🇷")]
    [InlineData("1️⃣")]
    [InlineData("🏴󠁧󠁢󠁳󠁣󠁴󠁿")]
    [InlineData("⭐")]
    public void IsEmoji_OneEmoji_True(string emoji) => Assert.True(EmojiText.IsEmoji(emoji), emoji);

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("abc")]
    [InlineData("👍👍")]
    [InlineData("👍 ")]
    [InlineData("<b>")]
    [InlineData("1")]
    [InlineData("\ud83d")]
    [InlineData("\u200d")]
    public void IsEmoji_NotOneEmoji_False(string text) => Assert.False(EmojiText.IsEmoji(text), text);
}
