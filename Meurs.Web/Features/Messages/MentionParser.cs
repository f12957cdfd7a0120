using System.Text.RegularExpressions;

namespace Meurs.Web.Features.Messages;

/// <summary>A person who may be mentioned: a member of the server.</summary>
/// <param name="Id">Their id.</param>
/// <param name="UserName">Their username (letters, digits, <c>_</c>, <c>.</c>, <c>-</c>).</param>
public sealed record MentionableUser(Guid Id, string UserName);

/// <summary>A role that may be mentioned (never @everyone, which is <c>@everyone</c>).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name, which may contain spaces.</param>
public sealed record MentionableRole(Guid Id, string Name);

/// <summary>What a message mentions, each at most once, in order of first appearance.</summary>
/// <param name="Users">Members mentioned by <c>@username</c>.</param>
/// <param name="Roles">Roles mentioned by <c>@Role Name</c>.</param>
/// <param name="Everyone">True for <c>@everyone</c> or <c>@here</c> written by someone who may notify everyone.</param>
public sealed record ParsedMentions(IReadOnlyList<MentionableUser> Users, IReadOnlyList<MentionableRole> Roles, bool Everyone)
{
    /// <summary>Nothing mentioned.</summary>
    public static ParsedMentions None { get; } = new([], [], false);
}

/// <summary>
/// Finds mentions in a message's markdown: <c>@username</c> (letters, digits, <c>_</c>, <c>.</c>, <c>-</c>; a trailing
/// <c>.</c> or <c>-</c> is punctuation when no member has it), <c>@Role Name</c> (role names matched exactly but for
/// case, the longest first, so "@Moderators team" beats "@Moderators"), and <c>@everyone</c> / <c>@here</c> (counted only
/// when the author holds MentionEveryone; both notify every member). An <c>@</c> must start the text or follow a
/// character that is not a letter or digit (so <c>a@b.com</c> is no mention). Names of people who are not members are
/// ignored, and nothing inside inline code or a code block counts. Pure: the caller supplies members and roles.
/// </summary>
public static partial class MentionParser
{
    /// <summary>The mentions in <paramref name="content"/>.</summary>
    public static ParsedMentions Parse(string? content, IReadOnlyCollection<MentionableUser> members, IReadOnlyCollection<MentionableRole> roles, bool mayMentionEveryone)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(roles);
        if (string.IsNullOrEmpty(content) || !content.Contains('@', StringComparison.Ordinal))
        {
            return ParsedMentions.None;
        }
        var text = CodeRegex().Replace(content, m => new string(' ', m.Length));
        var byName = new Dictionary<string, MentionableUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in members)
        {
            byName.TryAdd(member.UserName, member);
        }
        var longestFirst = roles.Where(r => r.Name.Length > 0).OrderByDescending(r => r.Name.Length).ToList();
        var users = new List<MentionableUser>();
        var mentionedRoles = new List<MentionableRole>();
        var everyone = false;
        for (var at = text.IndexOf('@', StringComparison.Ordinal); at >= 0; at = text.IndexOf('@', at + 1))
        {
            if (at > 0 && char.IsLetterOrDigit(text[at - 1]))
            {
                continue;
            }
            var rest = text[(at + 1)..];
            if (longestFirst.FirstOrDefault(r => StartsWithWord(rest, r.Name)) is { } role)
            {
                if (!mentionedRoles.Contains(role))
                {
                    mentionedRoles.Add(role);
                }
                at += role.Name.Length;
                continue;
            }
            if (StartsWithWord(rest, "everyone") || StartsWithWord(rest, "here"))
            {
                everyone |= mayMentionEveryone;
                continue;
            }
            var name = NameRegex().Match(text, at + 1);
            if (!name.Success || name.Index != at + 1)
            {
                continue;
            }
            var candidate = name.Value;
            while (candidate.Length > 0)
            {
                if (byName.TryGetValue(candidate, out var user))
                {
                    if (!users.Contains(user))
                    {
                        users.Add(user);
                    }
                    break;
                }
                if (candidate[^1] is not ('.' or '-'))
                {
                    break;
                }
                candidate = candidate[..^1];
            }
        }
        return users.Count == 0 && mentionedRoles.Count == 0 && !everyone ? ParsedMentions.None : new ParsedMentions(users, mentionedRoles, everyone);
    }

    /// <summary>Every <c>@word</c> in <paramref name="content"/> that could name a person, with its trailing <c>.</c>/<c>-</c> trimmed one by one (to look members up).</summary>
    public static IEnumerable<string> CandidateNames(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        foreach (Match match in CandidateRegex().Matches(content))
        {
            var name = match.Groups[1].Value;
            while (name.Length > 0)
            {
                yield return name;
                if (name[^1] is not ('.' or '-'))
                {
                    break;
                }
                name = name[..^1];
            }
        }
    }

    [GeneratedRegex("@([A-Za-z0-9_.\\-]{1,64})")]
    private static partial Regex CandidateRegex();

    // "@name" followed by the end or by a character that cannot continue a name.
    private static bool StartsWithWord(string rest, string name) =>
        rest.StartsWith(name, StringComparison.OrdinalIgnoreCase)
        && (rest.Length == name.Length || !IsNameChar(rest[name.Length]));

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_';

    [GeneratedRegex("[A-Za-z0-9_.\\-]+")]
    private static partial Regex NameRegex();

    // Fenced code blocks, then inline code spans (one or more backticks, matched by the same run).
    [GeneratedRegex("(?s)```.*?(```|$)|(`+)(?!`).+?(?<!`)\\2(?!`)")]
    private static partial Regex CodeRegex();
}
