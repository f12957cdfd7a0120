namespace Meurs.Tests.Media.Sdp;

/// <summary>
/// Real session descriptions, verbatim except that line ends are LF here (the parser accepts
/// both; tests that need CRLF convert). Kept as raw strings so no csproj item is needed.
/// </summary>
internal static class SdpTestData
{
    // RFC 8866 §5, the example session description.
    public const string Rfc8866Example = """
        v=0
        o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1
        s=Call to John Smith
        i=SDP Offer #1
        u=http://www.jdoe.example.com/home.html
        e=Jane Doe <jane@jdoe.example.com>
        p=+1 617 555-6011
        c=IN IP4 198.51.100.1
        t=0 0
        m=audio 49170 RTP/AVP 0
        m=audio 49180 RTP/AVP 0
        m=video 51372 RTP/AVP 99
        c=IN IP6 2001:db8::2
        a=rtpmap:99 h263-1998/90000

        """;

    // Chromium (unified plan) offer with five transceivers: sendonly audio (mid 0) and simulcast
    // video (mid 1, ssrc-group SIM + FID), then recvonly audio/video/audio (mids 2..4). Has
    // host candidates, extmap-allow-mixed, RED and telephone-event for audio; VP8, VP9 profiles
    // 0/1/2, H.264 42e01f/42001f in both packetization modes plus 4d0032 and 640032, AV1, RTX for
    // each, red/ulpfec and flexfec-03 for video. From a public JavaScript test fixture.
    public const string ChromiumOffer = """
        v=0
        o=- 4396055952786825640 4 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0 1 2 3 4
        a=extmap-allow-mixed
        a=msid-semantic: WMS r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD
        m=audio 52133 UDP/TLS/RTP/SAVPF 111 126 63 127 125 9 0 8 106 124 13 110 112 113
        c=IN IP4 192.168.92.78
        a=rtcp:9 IN IP4 0.0.0.0
        a=candidate:1160438246 1 udp 2122260223 192.168.92.78 52133 typ host generation 0 network-id 1 network-cost 10
        a=candidate:195632406 1 tcp 1518280447 192.168.92.78 9 typ host tcptype active generation 0 network-id 1 network-cost 10
        a=ice-ufrag:Jpbd
        a=ice-pwd:Fus4hRjMrpP46HRkXRz+RPdL
        a=ice-options:trickle
        a=fingerprint:sha-256 04:B3:84:B1:04:0A:C8:1B:1B:04:11:51:67:88:D1:FC:E1:A2:83:8A:E2:58:CC:A2:F0:09:31:3E:39:BF:76:B3
        a=setup:actpass
        a=mid:0
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=extmap:5 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
        a=extmap:6 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
        a=sendonly
        a=msid:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD bc9d76ef-21f8-44b7-81ac-dfd096c2f1fe
        a=rtcp-mux
        a=rtpmap:111 opus/48000/2
        a=rtcp-fb:111 transport-cc
        a=fmtp:111 minptime=10;useinbandfec=1
        a=rtpmap:126 telephone-event/8000
        a=rtpmap:63 red/48000/2
        a=fmtp:63 111/111
        a=rtpmap:127 ISAC/16000
        a=rtpmap:125 ISAC/32000
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:106 CN/32000
        a=rtpmap:124 CN/16000
        a=rtpmap:13 CN/8000
        a=rtpmap:110 telephone-event/48000
        a=rtpmap:112 telephone-event/32000
        a=rtpmap:113 telephone-event/16000
        a=ssrc:4048541358 cname:UOXLvCjgl4OlGU+h
        a=ssrc:4048541358 msid:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD bc9d76ef-21f8-44b7-81ac-dfd096c2f1fe
        a=ssrc:4048541358 mslabel:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD
        a=ssrc:4048541358 label:bc9d76ef-21f8-44b7-81ac-dfd096c2f1fe
        m=video 9 UDP/TLS/RTP/SAVPF 100 101 102 103 104 105 123 115 122 114 121 109 120 107 35 36 119 108 118 99 98 97 116
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:Jpbd
        a=ice-pwd:Fus4hRjMrpP46HRkXRz+RPdL
        a=ice-options:trickle
        a=fingerprint:sha-256 04:B3:84:B1:04:0A:C8:1B:1B:04:11:51:67:88:D1:FC:E1:A2:83:8A:E2:58:CC:A2:F0:09:31:3E:39:BF:76:B3
        a=setup:actpass
        a=mid:1
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:13 urn:3gpp:video-orientation
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:14 urn:ietf:params:rtp-hdrext:toffset
        a=extmap:12 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay
        a=extmap:11 http://www.webrtc.org/experiments/rtp-hdrext/video-content-type
        a=extmap:7 http://www.webrtc.org/experiments/rtp-hdrext/video-timing
        a=extmap:8 http://www.webrtc.org/experiments/rtp-hdrext/color-space
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=extmap:5 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
        a=extmap:6 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
        a=sendonly
        a=msid:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD 9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        a=rtcp-mux
        a=rtcp-rsize
        a=rtpmap:100 VP8/90000
        a=rtcp-fb:100 goog-remb
        a=rtcp-fb:100 transport-cc
        a=rtcp-fb:100 nack
        a=rtpmap:101 rtx/90000
        a=fmtp:101 apt=100
        a=rtpmap:102 VP9/90000
        a=rtcp-fb:102 goog-remb
        a=rtcp-fb:102 transport-cc
        a=rtcp-fb:102 nack
        a=fmtp:102 profile-id=0
        a=rtpmap:103 rtx/90000
        a=fmtp:103 apt=102
        a=rtpmap:104 H264/90000
        a=rtcp-fb:104 goog-remb
        a=rtcp-fb:104 transport-cc
        a=rtcp-fb:104 nack
        a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f
        a=rtpmap:105 rtx/90000
        a=fmtp:105 apt=104
        a=rtpmap:123 VP9/90000
        a=rtcp-fb:123 goog-remb
        a=rtcp-fb:123 transport-cc
        a=rtcp-fb:123 ccm fir
        a=rtcp-fb:123 nack
        a=rtcp-fb:123 nack pli
        a=fmtp:123 profile-id=2
        a=rtpmap:115 rtx/90000
        a=fmtp:115 apt=123
        a=rtpmap:122 H264/90000
        a=rtcp-fb:122 goog-remb
        a=rtcp-fb:122 transport-cc
        a=rtcp-fb:122 ccm fir
        a=rtcp-fb:122 nack
        a=rtcp-fb:122 nack pli
        a=fmtp:122 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f
        a=rtpmap:114 rtx/90000
        a=fmtp:114 apt=122
        a=rtpmap:121 H264/90000
        a=rtcp-fb:121 goog-remb
        a=rtcp-fb:121 transport-cc
        a=rtcp-fb:121 ccm fir
        a=rtcp-fb:121 nack
        a=rtcp-fb:121 nack pli
        a=fmtp:121 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f
        a=rtpmap:109 rtx/90000
        a=fmtp:109 apt=121
        a=rtpmap:120 H264/90000
        a=rtcp-fb:120 goog-remb
        a=rtcp-fb:120 transport-cc
        a=rtcp-fb:120 ccm fir
        a=rtcp-fb:120 nack
        a=rtcp-fb:120 nack pli
        a=fmtp:120 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
        a=rtpmap:107 rtx/90000
        a=fmtp:107 apt=120
        a=rtpmap:35 AV1/90000
        a=rtcp-fb:35 goog-remb
        a=rtcp-fb:35 transport-cc
        a=rtcp-fb:35 ccm fir
        a=rtcp-fb:35 nack
        a=rtcp-fb:35 nack pli
        a=rtpmap:36 rtx/90000
        a=fmtp:36 apt=35
        a=rtpmap:119 H264/90000
        a=rtcp-fb:119 goog-remb
        a=rtcp-fb:119 transport-cc
        a=rtcp-fb:119 ccm fir
        a=rtcp-fb:119 nack
        a=rtcp-fb:119 nack pli
        a=fmtp:119 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d0032
        a=rtpmap:108 rtx/90000
        a=fmtp:108 apt=119
        a=rtpmap:118 H264/90000
        a=rtcp-fb:118 goog-remb
        a=rtcp-fb:118 transport-cc
        a=rtcp-fb:118 ccm fir
        a=rtcp-fb:118 nack
        a=rtcp-fb:118 nack pli
        a=fmtp:118 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=640032
        a=rtpmap:99 rtx/90000
        a=fmtp:99 apt=118
        a=rtpmap:98 red/90000
        a=rtpmap:97 rtx/90000
        a=fmtp:97 apt=98
        a=rtpmap:116 ulpfec/90000
        a=ssrc-group:FID 1017728011 1258359703
        a=ssrc-group:SIM 1017728011 2260225769 943422434
        a=ssrc-group:FID 2260225769 3236869373
        a=ssrc-group:FID 943422434 2658954446
        a=ssrc:1017728011 cname:UOXLvCjgl4OlGU+h
        a=ssrc:1017728011 msid:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD 9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        a=ssrc:1017728011 mslabel:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD
        a=ssrc:1017728011 label:9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        a=ssrc:1258359703 cname:UOXLvCjgl4OlGU+h
        a=ssrc:1258359703 msid:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD 9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        a=ssrc:1258359703 mslabel:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD
        a=ssrc:1258359703 label:9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        a=ssrc:2260225769 cname:UOXLvCjgl4OlGU+h
        a=ssrc:2260225769 msid:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD 9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        a=ssrc:2260225769 mslabel:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD
        a=ssrc:2260225769 label:9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        a=ssrc:3236869373 cname:UOXLvCjgl4OlGU+h
        a=ssrc:3236869373 msid:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD 9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        a=ssrc:3236869373 mslabel:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD
        a=ssrc:3236869373 label:9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        a=ssrc:943422434 cname:UOXLvCjgl4OlGU+h
        a=ssrc:943422434 msid:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD 9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        a=ssrc:943422434 mslabel:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD
        a=ssrc:943422434 label:9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        a=ssrc:2658954446 cname:UOXLvCjgl4OlGU+h
        a=ssrc:2658954446 msid:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD 9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        a=ssrc:2658954446 mslabel:r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD
        a=ssrc:2658954446 label:9b69248a-65fa-46a8-9795-8fb2cd6e6b3a
        m=audio 9 UDP/TLS/RTP/SAVPF 111 126 63 127 125 9 0 8 106 124 13 110 112 113
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:Jpbd
        a=ice-pwd:Fus4hRjMrpP46HRkXRz+RPdL
        a=ice-options:trickle
        a=fingerprint:sha-256 04:B3:84:B1:04:0A:C8:1B:1B:04:11:51:67:88:D1:FC:E1:A2:83:8A:E2:58:CC:A2:F0:09:31:3E:39:BF:76:B3
        a=setup:actpass
        a=mid:2
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=extmap:5 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
        a=extmap:6 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
        a=recvonly
        a=rtcp-mux
        a=rtpmap:111 opus/48000/2
        a=rtcp-fb:111 transport-cc
        a=fmtp:111 minptime=10;useinbandfec=1
        a=rtpmap:126 telephone-event/8000
        a=rtpmap:63 red/48000/2
        a=fmtp:63 111/111
        a=rtpmap:127 ISAC/16000
        a=rtpmap:125 ISAC/32000
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:106 CN/32000
        a=rtpmap:124 CN/16000
        a=rtpmap:13 CN/8000
        a=rtpmap:110 telephone-event/48000
        a=rtpmap:112 telephone-event/32000
        a=rtpmap:113 telephone-event/16000
        m=video 9 UDP/TLS/RTP/SAVPF 100 101 102 103 104 105 123 115 117 122 114 121 109 120 107 35 36 119 108 118 99 98 97 116 37
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:Jpbd
        a=ice-pwd:Fus4hRjMrpP46HRkXRz+RPdL
        a=ice-options:trickle
        a=fingerprint:sha-256 04:B3:84:B1:04:0A:C8:1B:1B:04:11:51:67:88:D1:FC:E1:A2:83:8A:E2:58:CC:A2:F0:09:31:3E:39:BF:76:B3
        a=setup:actpass
        a=mid:3
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:13 urn:3gpp:video-orientation
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:14 urn:ietf:params:rtp-hdrext:toffset
        a=extmap:12 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay
        a=extmap:11 http://www.webrtc.org/experiments/rtp-hdrext/video-content-type
        a=extmap:7 http://www.webrtc.org/experiments/rtp-hdrext/video-timing
        a=extmap:8 http://www.webrtc.org/experiments/rtp-hdrext/color-space
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=extmap:5 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
        a=extmap:6 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
        a=recvonly
        a=rtcp-mux
        a=rtcp-rsize
        a=rtpmap:100 VP8/90000
        a=rtcp-fb:100 goog-remb
        a=rtcp-fb:100 transport-cc
        a=rtcp-fb:100 nack
        a=rtpmap:101 rtx/90000
        a=fmtp:101 apt=100
        a=rtpmap:102 VP9/90000
        a=rtcp-fb:102 goog-remb
        a=rtcp-fb:102 transport-cc
        a=rtcp-fb:102 nack
        a=fmtp:102 profile-id=0
        a=rtpmap:103 rtx/90000
        a=fmtp:103 apt=102
        a=rtpmap:104 H264/90000
        a=rtcp-fb:104 goog-remb
        a=rtcp-fb:104 transport-cc
        a=rtcp-fb:104 nack
        a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f
        a=rtpmap:105 rtx/90000
        a=fmtp:105 apt=104
        a=rtpmap:123 VP9/90000
        a=rtcp-fb:123 goog-remb
        a=rtcp-fb:123 transport-cc
        a=rtcp-fb:123 ccm fir
        a=rtcp-fb:123 nack
        a=rtcp-fb:123 nack pli
        a=fmtp:123 profile-id=2
        a=rtpmap:115 rtx/90000
        a=fmtp:115 apt=123
        a=rtpmap:117 VP9/90000
        a=rtcp-fb:117 goog-remb
        a=rtcp-fb:117 transport-cc
        a=rtcp-fb:117 ccm fir
        a=rtcp-fb:117 nack
        a=rtcp-fb:117 nack pli
        a=fmtp:117 profile-id=1
        a=rtpmap:122 H264/90000
        a=rtcp-fb:122 goog-remb
        a=rtcp-fb:122 transport-cc
        a=rtcp-fb:122 ccm fir
        a=rtcp-fb:122 nack
        a=rtcp-fb:122 nack pli
        a=fmtp:122 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f
        a=rtpmap:114 rtx/90000
        a=fmtp:114 apt=122
        a=rtpmap:121 H264/90000
        a=rtcp-fb:121 goog-remb
        a=rtcp-fb:121 transport-cc
        a=rtcp-fb:121 ccm fir
        a=rtcp-fb:121 nack
        a=rtcp-fb:121 nack pli
        a=fmtp:121 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f
        a=rtpmap:109 rtx/90000
        a=fmtp:109 apt=121
        a=rtpmap:120 H264/90000
        a=rtcp-fb:120 goog-remb
        a=rtcp-fb:120 transport-cc
        a=rtcp-fb:120 ccm fir
        a=rtcp-fb:120 nack
        a=rtcp-fb:120 nack pli
        a=fmtp:120 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
        a=rtpmap:107 rtx/90000
        a=fmtp:107 apt=120
        a=rtpmap:35 AV1/90000
        a=rtcp-fb:35 goog-remb
        a=rtcp-fb:35 transport-cc
        a=rtcp-fb:35 ccm fir
        a=rtcp-fb:35 nack
        a=rtcp-fb:35 nack pli
        a=rtpmap:36 rtx/90000
        a=fmtp:36 apt=35
        a=rtpmap:119 H264/90000
        a=rtcp-fb:119 goog-remb
        a=rtcp-fb:119 transport-cc
        a=rtcp-fb:119 ccm fir
        a=rtcp-fb:119 nack
        a=rtcp-fb:119 nack pli
        a=fmtp:119 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d0032
        a=rtpmap:108 rtx/90000
        a=fmtp:108 apt=119
        a=rtpmap:118 H264/90000
        a=rtcp-fb:118 goog-remb
        a=rtcp-fb:118 transport-cc
        a=rtcp-fb:118 ccm fir
        a=rtcp-fb:118 nack
        a=rtcp-fb:118 nack pli
        a=fmtp:118 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=640032
        a=rtpmap:99 rtx/90000
        a=fmtp:99 apt=118
        a=rtpmap:98 red/90000
        a=rtpmap:97 rtx/90000
        a=fmtp:97 apt=98
        a=rtpmap:116 ulpfec/90000
        a=rtpmap:37 flexfec-03/90000
        a=rtcp-fb:37 goog-remb
        a=rtcp-fb:37 transport-cc
        a=fmtp:37 repair-window=10000000
        m=audio 9 UDP/TLS/RTP/SAVPF 111 63 127 125 9 0 8 106 124 13 110 112 113 126
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:Jpbd
        a=ice-pwd:Fus4hRjMrpP46HRkXRz+RPdL
        a=ice-options:trickle
        a=fingerprint:sha-256 04:B3:84:B1:04:0A:C8:1B:1B:04:11:51:67:88:D1:FC:E1:A2:83:8A:E2:58:CC:A2:F0:09:31:3E:39:BF:76:B3
        a=setup:actpass
        a=mid:4
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
        a=extmap:5 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
        a=extmap:6 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
        a=recvonly
        a=rtcp-mux
        a=rtpmap:111 opus/48000/2
        a=rtcp-fb:111 transport-cc
        a=fmtp:111 minptime=10;useinbandfec=1
        a=rtpmap:63 red/48000/2
        a=fmtp:63 111/111
        a=rtpmap:127 ISAC/16000
        a=rtpmap:125 ISAC/32000
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:106 CN/32000
        a=rtpmap:124 CN/16000
        a=rtpmap:13 CN/8000
        a=rtpmap:110 telephone-event/48000
        a=rtpmap:112 telephone-event/32000
        a=rtpmap:113 telephone-event/16000
        a=rtpmap:126 telephone-event/8000

        """;

    // Chromium offer with a data channel first (mid 0, UDP/DTLS/SCTP) and a sendrecv camera
    // (mid 1): VP8, H.264 42001f/42e01f/4d001f/64001f in both packetization modes, AV1 (45),
    // VP9 profiles 0 and 2, RTX for each, red/ulpfec. From a public SDP walkthrough.
    public const string ChromiumDataChannelOffer = """
        v=0
        o=- 7129205267550789806 3 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0 1
        a=extmap-allow-mixed
        a=msid-semantic: WMS zHLenxRoEy5ss3jwu5u3sUKWJQOy5m6SwAsY
        m=application 61397 UDP/DTLS/SCTP webrtc-datachannel
        c=IN IP4 192.168.45.7
        a=candidate:3818712247 1 udp 2122260223 192.168.45.7 61397 typ host generation 0 network-id 1 network-cost 10
        a=ice-ufrag:XAAr
        a=ice-pwd:Dnm1QoFhgWUX3RURw+i2gUQA
        a=ice-options:trickle
        a=fingerprint:sha-256 48:52:50:C8:71:93:08:5D:A8:12:63:39:09:C3:19:C8:3A:BC:87:59:E1:6C:26:9C:88:38:9F:EE:72:C5:1D:C2
        a=setup:actpass
        a=mid:0
        a=sctp-port:5000
        a=max-message-size:262144
        m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 122 127 121 125 107 108 109 124 120 39 40 45 46 98 99 100 101 123 119 114 115 116
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=ice-ufrag:XAAr
        a=ice-pwd:Dnm1QoFhgWUX3RURw+i2gUQA
        a=ice-options:trickle
        a=fingerprint:sha-256 48:52:50:C8:71:93:08:5D:A8:12:63:39:09:C3:19:C8:3A:BC:87:59:E1:6C:26:9C:88:38:9F:EE:72:C5:1D:C2
        a=setup:actpass
        a=mid:1
        a=extmap:1 urn:ietf:params:rtp-hdrext:toffset
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:3 urn:3gpp:video-orientation
        a=extmap:4 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay
        a=extmap:6 http://www.webrtc.org/experiments/rtp-hdrext/video-content-type
        a=extmap:7 http://www.webrtc.org/experiments/rtp-hdrext/video-timing
        a=extmap:8 http://www.webrtc.org/experiments/rtp-hdrext/color-space
        a=extmap:9 urn:ietf:params:rtp-hdrext:sdes:mid
        a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id
        a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id
        a=sendrecv
        a=msid:zHLenxRoEy5ss3jwu5u3sUKWJQOy5m6SwAsY dad5ae8e-233a-4556-b795-5b1bb87acfd1
        a=rtcp-mux
        a=rtcp-rsize
        a=rtpmap:96 VP8/90000
        a=rtcp-fb:96 goog-remb
        a=rtcp-fb:96 transport-cc
        a=rtcp-fb:96 ccm fir
        a=rtcp-fb:96 nack
        a=rtcp-fb:96 nack pli
        a=rtpmap:97 rtx/90000
        a=fmtp:97 apt=96
        a=rtpmap:102 H264/90000
        a=rtcp-fb:102 goog-remb
        a=rtcp-fb:102 transport-cc
        a=rtcp-fb:102 ccm fir
        a=rtcp-fb:102 nack
        a=rtcp-fb:102 nack pli
        a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f
        a=rtpmap:122 rtx/90000
        a=fmtp:122 apt=102
        a=rtpmap:127 H264/90000
        a=rtcp-fb:127 goog-remb
        a=rtcp-fb:127 transport-cc
        a=rtcp-fb:127 ccm fir
        a=rtcp-fb:127 nack
        a=rtcp-fb:127 nack pli
        a=fmtp:127 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f
        a=rtpmap:121 rtx/90000
        a=fmtp:121 apt=127
        a=rtpmap:125 H264/90000
        a=rtcp-fb:125 goog-remb
        a=rtcp-fb:125 transport-cc
        a=rtcp-fb:125 ccm fir
        a=rtcp-fb:125 nack
        a=rtcp-fb:125 nack pli
        a=fmtp:125 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f
        a=rtpmap:107 rtx/90000
        a=fmtp:107 apt=125
        a=rtpmap:108 H264/90000
        a=rtcp-fb:108 goog-remb
        a=rtcp-fb:108 transport-cc
        a=rtcp-fb:108 ccm fir
        a=rtcp-fb:108 nack
        a=rtcp-fb:108 nack pli
        a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f
        a=rtpmap:109 rtx/90000
        a=fmtp:109 apt=108
        a=rtpmap:124 H264/90000
        a=rtcp-fb:124 goog-remb
        a=rtcp-fb:124 transport-cc
        a=rtcp-fb:124 ccm fir
        a=rtcp-fb:124 nack
        a=rtcp-fb:124 nack pli
        a=fmtp:124 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f
        a=rtpmap:120 rtx/90000
        a=fmtp:120 apt=124
        a=rtpmap:39 H264/90000
        a=rtcp-fb:39 goog-remb
        a=rtcp-fb:39 transport-cc
        a=rtcp-fb:39 ccm fir
        a=rtcp-fb:39 nack
        a=rtcp-fb:39 nack pli
        a=fmtp:39 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=4d001f
        a=rtpmap:40 rtx/90000
        a=fmtp:40 apt=39
        a=rtpmap:45 AV1/90000
        a=rtcp-fb:45 goog-remb
        a=rtcp-fb:45 transport-cc
        a=rtcp-fb:45 ccm fir
        a=rtcp-fb:45 nack
        a=rtcp-fb:45 nack pli
        a=rtpmap:46 rtx/90000
        a=fmtp:46 apt=45
        a=rtpmap:98 VP9/90000
        a=rtcp-fb:98 goog-remb
        a=rtcp-fb:98 transport-cc
        a=rtcp-fb:98 ccm fir
        a=rtcp-fb:98 nack
        a=rtcp-fb:98 nack pli
        a=fmtp:98 profile-id=0
        a=rtpmap:99 rtx/90000
        a=fmtp:99 apt=98
        a=rtpmap:100 VP9/90000
        a=rtcp-fb:100 goog-remb
        a=rtcp-fb:100 transport-cc
        a=rtcp-fb:100 ccm fir
        a=rtcp-fb:100 nack
        a=rtcp-fb:100 nack pli
        a=fmtp:100 profile-id=2
        a=rtpmap:101 rtx/90000
        a=fmtp:101 apt=100
        a=rtpmap:123 H264/90000
        a=rtcp-fb:123 goog-remb
        a=rtcp-fb:123 transport-cc
        a=rtcp-fb:123 ccm fir
        a=rtcp-fb:123 nack
        a=rtcp-fb:123 nack pli
        a=fmtp:123 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=64001f
        a=rtpmap:119 rtx/90000
        a=fmtp:119 apt=123
        a=rtpmap:114 red/90000
        a=rtpmap:115 rtx/90000
        a=fmtp:115 apt=114
        a=rtpmap:116 ulpfec/90000
        a=ssrc-group:FID 2829153868 3803804749
        a=ssrc:2829153868 cname:L1LaiKzjPl3EqRhC
        a=ssrc:2829153868 msid:zHLenxRoEy5ss3jwu5u3sUKWJQOy5m6SwAsY dad5ae8e-233a-4556-b795-5b1bb87acfd1
        a=ssrc:3803804749 cname:L1LaiKzjPl3EqRhC
        a=ssrc:3803804749 msid:zHLenxRoEy5ss3jwu5u3sUKWJQOy5m6SwAsY dad5ae8e-233a-4556-b795-5b1bb87acfd1

        """;

    // Firefox 121 offer (pc.addTransceiver("audio"), pc.addTransceiver("video")): session-level
    // fingerprint, Opus with stereo, G722, telephone-event "0-15", VP8, VP9, two H.264 (with and
    // without packetization-mode), RTX, extmap directions. From ex_webrtc's test fixtures.
    public const string FirefoxOffer = """
        v=0
        o=mozilla...THIS_IS_SDPARTA-99.0 4408209549129620304 0 IN IP4 0.0.0.0
        s=-
        t=0 0
        a=fingerprint:sha-256 75:4F:CA:8F:4F:E4:CE:5E:67:42:D3:DA:0E:E1:87:2A:E5:E3:02:76:30:FC:AB:F0:B4:7E:24:71:18:38:9C:6E
        a=group:BUNDLE 0 1
        a=ice-options:trickle
        a=msid-semantic:WMS *
        m=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101
        c=IN IP4 0.0.0.0
        a=sendrecv
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
        a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level
        a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid
        a=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1
        a=fmtp:101 0-15
        a=ice-pwd:59efe498b762e472067fa5e134df8722
        a=ice-ufrag:6c0579ea
        a=mid:0
        a=msid:- {ba72adfe-d5b5-42bd-bf15-e8fcdcbb2ee1}
        a=rtcp-mux
        a=rtpmap:109 opus/48000/2
        a=rtpmap:9 G722/8000/1
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000/1
        a=setup:actpass
        a=ssrc:3772375965 cname:{b11da7a1-56f4-4fc1-a969-6d82236f494d}
        m=video 9 UDP/TLS/RTP/SAVPF 120 124 121 125 126 127 97 98
        c=IN IP4 0.0.0.0
        a=sendrecv
        a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid
        a=extmap:4 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
        a=extmap:5 urn:ietf:params:rtp-hdrext:toffset
        a=extmap:6/recvonly http://www.webrtc.org/experiments/rtp-hdrext/playout-delay
        a=extmap:7 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
        a=fmtp:126 profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1
        a=fmtp:97 profile-level-id=42e01f;level-asymmetry-allowed=1
        a=fmtp:120 max-fs=12288;max-fr=60
        a=fmtp:124 apt=120
        a=fmtp:121 max-fs=12288;max-fr=60
        a=fmtp:125 apt=121
        a=fmtp:127 apt=126
        a=fmtp:98 apt=97
        a=ice-pwd:59efe498b762e472067fa5e134df8722
        a=ice-ufrag:6c0579ea
        a=mid:1
        a=msid:- {73b368b6-4a66-409b-87ea-0ed7919bce82}
        a=rtcp-fb:120 nack
        a=rtcp-fb:120 nack pli
        a=rtcp-fb:120 ccm fir
        a=rtcp-fb:120 goog-remb
        a=rtcp-fb:120 transport-cc
        a=rtcp-fb:121 nack
        a=rtcp-fb:121 nack pli
        a=rtcp-fb:121 ccm fir
        a=rtcp-fb:121 goog-remb
        a=rtcp-fb:121 transport-cc
        a=rtcp-fb:126 nack
        a=rtcp-fb:126 nack pli
        a=rtcp-fb:126 ccm fir
        a=rtcp-fb:126 goog-remb
        a=rtcp-fb:126 transport-cc
        a=rtcp-fb:97 nack
        a=rtcp-fb:97 nack pli
        a=rtcp-fb:97 ccm fir
        a=rtcp-fb:97 goog-remb
        a=rtcp-fb:97 transport-cc
        a=rtcp-mux
        a=rtcp-rsize
        a=rtpmap:120 VP8/90000
        a=rtpmap:124 rtx/90000
        a=rtpmap:121 VP9/90000
        a=rtpmap:125 rtx/90000
        a=rtpmap:126 H264/90000
        a=rtpmap:127 rtx/90000
        a=rtpmap:97 H264/90000
        a=rtpmap:98 rtx/90000
        a=setup:actpass
        a=ssrc:7463831 cname:{b11da7a1-56f4-4fc1-a969-6d82236f494d}
        a=ssrc:2513307155 cname:{b11da7a1-56f4-4fc1-a969-6d82236f494d}
        a=ssrc-group:FID 7463831 2513307155

        """;

    public static readonly string[] All = [Rfc8866Example, ChromiumOffer, ChromiumDataChannelOffer, FirefoxOffer];

    /// <summary>Crlf gives the text with CRLF line ends, as browsers send it.</summary>
    public static string Crlf(string sdp) => sdp.ReplaceLineEndings("\r\n");
}
