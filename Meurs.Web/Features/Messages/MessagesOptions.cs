namespace Meurs.Web.Features.Messages;

/// <summary>Limits of channel messages, bound from the <c>Messages</c> configuration section.</summary>
public sealed class MessagesOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messages";

    /// <summary>Most files on one message (default 10).</summary>
    public int MaxAttachments { get; set; } = 10;

    /// <summary>Largest file, in bytes (default 25 MiB).</summary>
    public long MaxAttachmentBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Messages a new subscriber (and the page) gets at first (default 50).</summary>
    public int HistoryLength { get; set; } = 50;

    /// <summary>The size limit for people, e.g. "25 MiB".</summary>
    public string MaxAttachmentText() =>
        MaxAttachmentBytes >= 1024 * 1024 ? $"{MaxAttachmentBytes / (1024.0 * 1024):0.#} MiB" : $"{MaxAttachmentBytes / 1024.0:0.#} KiB";
}
