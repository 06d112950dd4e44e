package rtpmesh.control.sdp;

import java.util.Map;

/** The static RTP payload types of RFC 3551 §6 that phones send without an a=rtpmap. */
public final class StaticPayloadTypes {
  private StaticPayloadTypes() {}

  private static final Map<String, String> RTPMAP = Map.ofEntries(
      Map.entry("0", "PCMU/8000"),
      Map.entry("3", "GSM/8000"),
      Map.entry("4", "G723/8000"),
      Map.entry("5", "DVI4/8000"),
      Map.entry("6", "DVI4/16000"),
      Map.entry("7", "LPC/8000"),
      Map.entry("8", "PCMA/8000"),
      Map.entry("9", "G722/8000"),
      Map.entry("10", "L16/44100/2"),
      Map.entry("11", "L16/44100"),
      Map.entry("12", "QCELP/8000"),
      Map.entry("13", "CN/8000"),
      Map.entry("14", "MPA/90000"),
      Map.entry("15", "G728/8000"),
      Map.entry("16", "DVI4/11025"),
      Map.entry("17", "DVI4/22050"),
      Map.entry("18", "G729/8000"),
      Map.entry("25", "CelB/90000"),
      Map.entry("26", "JPEG/90000"),
      Map.entry("28", "nv/90000"),
      Map.entry("31", "H261/90000"),
      Map.entry("32", "MPV/90000"),
      Map.entry("33", "MP2T/90000"),
      Map.entry("34", "H263/90000"));

  /** {@code encoding/clock[/channels]} of a static payload type, or null. */
  public static String rtpmap(String pt) {
    return RTPMAP.get(pt);
  }
}
