package rtpmesh.media.ice;

/** Candidate types with their SDP name and RFC 8445 §5.1.2.2 recommended type preference. */
public enum CandidateType {
  HOST("host", 126),
  PRFLX("prflx", 110),
  SRFLX("srflx", 100),
  RELAY("relay", 0);

  private final String sdpName;
  private final int typePreference;

  CandidateType(String sdpName, int typePreference) {
    this.sdpName = sdpName;
    this.typePreference = typePreference;
  }

  public String sdpName() {
    return sdpName;
  }

  public int typePreference() {
    return typePreference;
  }

  /** The type for an SDP {@code typ} token, or null. */
  public static CandidateType of(String sdpName) {
    for (CandidateType t : values()) {
      if (t.sdpName.equalsIgnoreCase(sdpName)) {
        return t;
      }
    }
    return null;
  }
}
