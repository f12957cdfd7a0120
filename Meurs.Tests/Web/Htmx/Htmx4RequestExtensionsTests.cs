using Htmx;
using Meurs.Web.Htmx;
using Microsoft.AspNetCore.Http;

namespace Meurs.Tests.Web.Htmx;

/// <summary>The htmx 4 request headers, read beside Htmx.Net's, on headers as htmx 4.0.1 sends them.</summary>
public sealed class Htmx4RequestExtensionsTests
{
    [Theory]
    [InlineData("button#send", "button", "send")]
    [InlineData("FORM#room-composer", "form", "room-composer")]
    [InlineData("div", "div", null)]
    [InlineData("li#a%20b", "li", "a b")]
    [InlineData("span#", "span", null)]
    public void HtmxSourceAndTarget_TagHashId_ReadsTagAndId(string header, string tag, string? id)
    {
        var request = Request(("HX-Source", header), ("HX-Target", header));

        Assert.Equal(new HtmxElement(tag, id), request.HtmxSource());
        Assert.Equal(new HtmxElement(tag, id), request.HtmxTarget());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("#messages")] // htmx 2's form (a bare id with #) is not htmx 4's
    public void HtmxSource_AbsentOrNotHtmx4_Null(string? header)
    {
        var request = header is null ? Request() : Request(("HX-Source", header));

        Assert.Null(request.HtmxSource());
    }

    [Fact]
    public void HtmxElement_ToString_WritesTheHeaderForm() =>
        Assert.Equal("li#a%20b", new HtmxElement("li", "a b").ToString());

    [Theory]
    [InlineData(null, false)] // not htmx at all
    [InlineData("partial", true)]
    [InlineData("full", false)] // a boosted navigation gets the whole page
    public void IsHtmxPartial_FollowsHxRequestType(string? requestType, bool partial)
    {
        var request = requestType is null ? Request() : Request(("HX-Request", "true"), ("HX-Request-Type", requestType));

        Assert.Equal(partial, request.IsHtmxPartial());
        Assert.Equal(requestType is not null, request.IsHtmx()); // Htmx.Net: any htmx request
    }

    [Fact]
    public void IsHtmxPartial_HtmxWithoutRequestType_TreatedAsPartial() =>
        Assert.True(Request(("HX-Request", "true")).IsHtmxPartial());

    private static HttpRequest Request(params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }
        return context.Request;
    }
}
