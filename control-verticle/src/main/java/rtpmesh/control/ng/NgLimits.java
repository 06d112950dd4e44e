package rtpmesh.control.ng;

import java.util.List;

/**
 * Size limits on what one offer, answer, publish or subscribe answer may carry, checked before any SDP is parsed or any port
 * is bound, so a hostile SDP gets a clear {@code error-reason} naming the limit instead of
 * {@code Ran out of ports} or a parse of megabytes. 0 turns a limit off. Identifiers (call-id,
 * tags, labels, via-branch) are bounded in every command, always: they become keys of later
 * replies, and one of 50 kB would make every {@code query} or {@code delete} of its call unreadable
 * to a JSON client (Jackson refuses names over 50 000 characters).
 *
 * @param maxSdpBytes {@code --max-sdp-size}: characters of the {@code sdp} value
 * @param maxMedia {@code --max-media-per-call}: m= lines in one SDP, i.e. media streams of one party
 */
public record NgLimits(int maxSdpBytes, int maxMedia) {
  /** Far above any real SDP (a WebRTC bundle with many candidates is a few kB, a few m= lines). */
  public static final NgLimits DEFAULT = new NgLimits(65_536, 64);
  public static final NgLimits NONE = new NgLimits(0, 0);

  /** Far above any SIP Call-ID, tag or branch seen in practice (tens of characters). */
  public static final int MAX_IDENTIFIER = 1024;

  private static final List<String> IDENTIFIERS =
      List.of("call-id", "from-tag", "to-tag", "via-branch", "label", "from-label", "to-label", "set-label");

  /** Throws an {@link NgException} when {@code msg} asks for more than the limits allow. */
  public void check(NgCommand command, NgMessage msg) {
    for (String key : IDENTIFIERS) tooLong(key, msg.dict().get(key));
    if (msg.dict().get("from-tags") instanceof List<?> tags) {
      for (Object tag : tags) tooLong("from-tags", tag);
    }
    for (String flag : msg.list("flags")) {
      if (flag.regionMatches(true, 0, "from-tags-", 0, 10)) tooLong("from-tags", flag.substring(10));
    }
    if (command != NgCommand.OFFER && command != NgCommand.ANSWER && command != NgCommand.PUBLISH
        && command != NgCommand.SUBSCRIBE_ANSWER && command != NgCommand.JOIN_ROOM) return;
    if (!(msg.dict().get("sdp") instanceof String sdp)) return;
    if (maxSdpBytes > 0 && sdp.length() > maxSdpBytes) {
      throw new NgException("SDP too large: " + sdp.length() + " bytes, max-sdp-size is " + maxSdpBytes);
    }
    if (maxMedia > 0) {
      int media = mediaLines(sdp, maxMedia + 1);
      if (media > maxMedia) {
        throw new NgException("Too many media streams: more than " + maxMedia + " m= lines, max-media-per-call is " + maxMedia);
      }
    }
  }

  private static void tooLong(String key, Object value) {
    if (value instanceof String s && s.length() > MAX_IDENTIFIER) {
      throw new NgException(key + " too long: " + s.length() + " characters, at most " + MAX_IDENTIFIER);
    }
  }

  /** m= lines in {@code sdp}, counting no further than {@code stopAt}. */
  static int mediaLines(String sdp, int stopAt) {
    int n = 0;
    for (int i = sdp.indexOf("m="); i >= 0 && n < stopAt; i = sdp.indexOf("m=", i + 2)) {
      if (i == 0 || sdp.charAt(i - 1) == '\n' || sdp.charAt(i - 1) == '\r') n++;
    }
    return n;
  }
}
