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
   * Where the party was when the handshake completed (the ICE-validated address): a node taking the
   * call over sends media there at once, before the party's next consent check validates it again.
   */
  public Endpoint dtlsParty;
  /**
   * The ROC of each SRTP stream towards ({@code send}) and from ({@code recv}) this party, by unsigned
   * SSRC, as the media plane reported rollovers: a node taking the call over starts from them.
   */
  public java.util.Map<Long, Integer> sendRoc = new java.util.TreeMap<>();
  public java.util.Map<Long, Integer> recvRoc = new java.util.TreeMap<>();
  /** The party's a=mid, echoed into an answer that lacks one. */
  public String mid;
  /** The payload types the party put in its offer (an answer across profiles keeps only these). */
  public java.util.List<String> offeredFormats = java.util.List.of();

  /** The leg whose party receives what this leg's party sends. */
  public MediaLeg peer;

  public MediaLeg(int index) {
    this.index = index;
  }

  public boolean isRtp() {
    return proto != null && proto.toUpperCase().contains("RTP");
  }
}
