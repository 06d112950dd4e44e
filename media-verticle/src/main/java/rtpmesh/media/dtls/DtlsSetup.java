package rtpmesh.media.dtls;

import java.util.Locale;
import java.util.Optional;

/** The SDP {@code a=setup} attribute (RFC 4145 §4, used for DTLS by RFC 5763 §5). */
public enum DtlsSetup {
  ACTIVE("active"),
  PASSIVE("passive"),
  ACTPASS("actpass"),
  HOLDCONN("holdconn");

  private final String wireName;

  DtlsSetup(String wireName) {
    this.wireName = wireName;
  }

  /** The attribute value as written in SDP. */
  public String wireName() {
    return wireName;
  }

  /** Parses an {@code a=setup} value, case-insensitively; empty when unknown. */
  public static Optional<DtlsSetup> parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (DtlsSetup s : values()) {
      if (s.wireName.equals(v)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
