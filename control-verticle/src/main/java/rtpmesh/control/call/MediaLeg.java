package rtpmesh.control.call;

/**
 * One media section of one monologue: the local socket pair that faces this party, and what the
 * party said about itself in its SDP. The leg's party sends to {@link #port} and receives from it.
 */
public final class MediaLeg {
  /** 1-based index of the m= section. */
  public final int index;
  public String type;
  public String proto;
  public String iface;
  public String localAddress;
  public String advertisedAddress;
  /** Local RTP port, RTCP is port + 1; 0 while not allocated. */
  public int port;
  /** Port to release once the new configuration is in place (re-anchoring); 0 = none. */
  public int oldPort;

  /** What the party's SDP said: address and RTP port, its RTCP port; null until it sent SDP. */
  public Endpoint remote;
  public int remoteRtcpPort;
  /** What the party's SDP said, also when it was 0.0.0.0 (hold, or a browser before ICE). */
  public Endpoint advertisedRemote;
  /** The address the party actually sends from, when it is not the SDP's (received-from). */
  public Endpoint sourceHint;

  public boolean send = true;
  public boolean recv = true;
  public boolean zeroAddress;
  /** The party multiplexes RTCP on the RTP port (RFC 5761). */
  public boolean mux;
  /** The party offered rtcp-mux, and the rtcp-mux flag given with that offer. */
  public boolean muxOffered;
  public String muxFlag;
  /** The a=ptime this party put in its SDP, or null. */
  public String ptime;
  public boolean rejected;
  public boolean strict;
  public boolean latch;

  /** SDES: what this party offered, and what this node offered it (fresh keys). */
  public java.util.List<Sdes.Crypto> cryptoOffered = java.util.List.of();
  public java.util.List<Sdes.Crypto> cryptoWeOffered = java.util.List.of();
  /** The party's first key went out verbatim: if the other side takes it, SRTP passes through. */
  public boolean cryptoPassthrough;
  /** Negotiated SRTP towards this party: the suite, our key for what we send it, its key. */
  public String srtpSuite;
  public String srtpSendKey;
  public String srtpRecvKey;
  /** The crypto line that goes back to this party in an answer. */
  public Sdes.Crypto cryptoAnswer;

  /** ICE towards this party: whether we terminate it, our credentials, the party's. */
  public boolean ice;
  public String iceUfrag;
  public String icePwd;
  public String remoteIceUfrag;
  public String remoteIcePwd;
  public boolean remoteIceTrickle;
  public boolean remoteIceLite;
  /** We are the controlling agent towards this party (the side an offer created). */
  public boolean iceControlling;
  /** DTLS towards this party: the a=setup we send (null = no DTLS), the party's setup and fingerprint. */
  public String dtlsSetup;
  public String remoteSetup;
  public String remoteFingerprint;
  /** SRTP keys the DTLS handshake with this party produced (kept so a takeover needs no handshake). */
  public String dtlsSuite;
  public String dtlsSendKey;
  public String dtlsRecvKey;
  /**
   * SRTP rollover counters (RFC 3711 §3.3.1) per SSRC (unsigned decimal) of what we send this party
   * and what it sends us, as the media plane reported them when they advanced: a node taking the
   * call over starts its contexts from them, so a long call decrypts at once.
   */
  public java.util.Map<String, Integer> rocSend = new java.util.TreeMap<>();
  public java.util.Map<String, Integer> rocRecv = new java.util.TreeMap<>();
  /**
   * Where the party was when the handshake completed (the ICE-validated address): a node taking the
   * call over sends media there at once, before the party's next consent check validates it again.
   */
  public Endpoint dtlsParty;
  /** The party's a=mid, echoed into an answer that lacks one. */
  public String mid;
  /** The payload types the party put in its offer (an answer across profiles keeps only these). */
  public java.util.List<String> offeredFormats = java.util.List.of();

  /**
   * BUNDLE (RFC 8843): the index of the media section of this monologue whose transport (port pair,
   * ICE, DTLS) this one shares, 0 when it has its own. The transport itself has 0 and lists the
   * others in its media config.
   */
  public int bundleWith;
  /** This party's media sections are bundled on one transport (it sent or accepted a=group:BUNDLE). */
  public boolean bundled;
  /** The party's extmap id for the MID header extension (urn:ietf:params:rtp-hdrext:sdes:mid), 0 = none. */
  public int midExtension;
  /** The payload types of this section in the party's last SDP (a bundle demuxes by them). */
  public java.util.List<String> formats = java.util.List.of();
  /** The codecs of this party's last SDP (its offer, or its answer), before any flag touched them. */
  public java.util.List<SdpCodec> codecs = java.util.List.of();
  /** Transcoding flags came with the offer this party made: null = none, "on", "always", "dtmf" (inject/detect DTMF). */
  public String transcodeMode;
  /** The offerer's codecs it may be answered with (not stripped), accept-listed first. */
  public java.util.List<SdpCodec> answerable = java.util.List.of();
  /** codec-set options of the offer (e.g. "opus/48000/2/32000"). */
  public java.util.List<String> codecSet = java.util.List.of();
  /** The ptime this party gets when a flag forced it (ptime / ptime-reverse), else null. */
  public Integer ptimeToParty;
  /** DTMF from this party: listen for in-band tones (detect DTMF), keep digits from the other side (block DTMF). */
  public boolean dtmfDetect;
  public boolean dtmfBlock;
  /** What this party speaks when the stream is transcoded; null when media passes through. */
  public StreamCodec transcode;

  /**
   * What rtpmesh does to the media this party sends (ng block media, silence media, media echo;
   * see {@link MediaServices}); {@code servicesSent} once the media plane was told anything.
   */
  public boolean mediaBlocked;
  public boolean mediaSilenced;
  public boolean echo;
  public boolean blackhole;
  public boolean servicesSent;
  /** The party's media direction in its last SDP (sendrecv, sendonly, recvonly, inactive). */
  public String direction = "sendrecv";
  /** Music on hold is playing to this party (its peer put the call on hold). */
  public boolean mohPlaying;
  /** The party is a member of its call's conference room: its audio goes into the mix. */
  public boolean conference;
  /**
   * The leg of a party in another call that this party is joined to ({@code connect} with
   * {@code to-call-id}): its call-id, tag and m= index, or null. Media then flows between the two
   * legs' ports, and {@link #peer} is null.
   */
  public String bridgeCall;
  public String bridgeTag;
  public int bridgeIndex;

  /** The leg whose party receives what this leg's party sends. */
  public MediaLeg peer;
  /** On a subscriber's leg: the publisher's leg whose party's media is copied to this leg's party. */
  public MediaLeg copyOf;

  public MediaLeg(int index) {
    this.index = index;
  }

  public boolean isRtp() {
    return proto != null && proto.toUpperCase().contains("RTP");
  }
}
