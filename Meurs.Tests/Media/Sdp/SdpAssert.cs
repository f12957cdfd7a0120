using Meurs.Media.Sdp;

namespace Meurs.Tests.Media.Sdp;

/// <summary>Structural equality of two descriptions, field by field, for round-trip tests.</summary>
internal static class SdpAssert
{
    public static void SameModel(SessionDescription expected, SessionDescription actual)
    {
        Assert.Equal(expected.Origin, actual.Origin);
        Assert.Equal(expected.SessionName, actual.SessionName);
        Assert.Equal(expected.Information, actual.Information);
        Assert.Equal(expected.Connection, actual.Connection);
        Assert.Equal(expected.Timings, actual.Timings);
        Assert.Equal(expected.OtherLines, actual.OtherLines);
        Assert.Equal(expected.Attributes, actual.Attributes);
        Assert.Equal(expected.MediaDescriptions.Count, actual.MediaDescriptions.Count);
        for (var i = 0; i < expected.MediaDescriptions.Count; i++)
        {
            var e = expected.MediaDescriptions[i];
            var a = actual.MediaDescriptions[i];
            Assert.Equal(e.Kind, a.Kind);
            Assert.Equal(e.Port, a.Port);
            Assert.Equal(e.NumberOfPorts, a.NumberOfPorts);
            Assert.Equal(e.Protocol, a.Protocol);
            Assert.Equal(e.Formats, a.Formats);
            Assert.Equal(e.Information, a.Information);
            Assert.Equal(e.Connections, a.Connections);
            Assert.Equal(e.OtherLines, a.OtherLines);
            Assert.Equal(e.Attributes, a.Attributes);
        }
    }

    public static SessionDescription Parse(string sdp)
    {
        Assert.True(SessionDescription.TryParse(sdp, out var description, out var error), error);
        Assert.Null(error);
        return description;
    }

    public static string ParseError(string sdp)
    {
        Assert.False(SessionDescription.TryParse(sdp, out var description, out var error));
        Assert.Null(description);
        Assert.NotNull(error);
        return error;
    }

    public static string[] Lines(string sdp) => sdp.Split("\r\n");
}
