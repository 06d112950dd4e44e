package rtpmesh.control.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rtpmesh.control.ng.NgException;

/** The options of rtpmesh's {@code create}: which codecs and which RTP profile its offer carries. */
final class Originate {
  private Originate() {}

  static final List<String> DEFAULT_CODECS = List.of("PCMU", "PCMA", "telephone-event");

  /** Codec names as in SDP (any case) to the payload types our offer uses. */
  static List<SdpCodec> codecs(List<String> names) {
    List<SdpCodec> out = new ArrayList<>();
    for (String n : names.isEmpty() ? DEFAULT_CODECS : names) {
      SdpCodec c = switch (n.trim().toLowerCase(Locale.ROOT)) {
        case "pcmu" -> new SdpCodec("0", "PCMU", 8000, 1, null, List.of());
        case "pcma" -> new SdpCodec("8", "PCMA", 8000, 1, null, List.of());
        case "g722" -> new SdpCodec("9", "G722", 8000, 1, null, List.of());
        case "opus" -> new SdpCodec("96", "opus", 48000, 2, null, List.of());
        case "telephone-event" -> new SdpCodec("101", "telephone-event", 8000, 1, "0-16", List.of());
        default -> throw new NgException("Unknown codec in create: '" + n + "' (PCMU, PCMA, G722, opus, telephone-event)");
      };
      if (!out.contains(c)) out.add(c);
    }
    return out;
  }

  /** RTP/AVP unless {@code transport-protocol} names another RTP profile without DTLS. */
  static String proto(String requested) {
    if (requested == null || requested.isBlank()) return "RTP/AVP";
    String p = requested.trim().toUpperCase(Locale.ROOT);
    if (List.of("RTP/AVP", "RTP/AVPF", "RTP/SAVP", "RTP/SAVPF").contains(p)) return p;
    throw new NgException("Unsupported transport-protocol for create: '" + requested + "' (RTP/AVP, RTP/AVPF, RTP/SAVP, RTP/SAVPF)");
  }
}
