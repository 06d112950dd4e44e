package rtpmesh.media.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed input yields a named {@link StunError}, never an exception, at any offset. */
class StunMalformedTest {
  static final String SAMPLE = Rfc5769VectorsTest.SAMPLE_REQUEST.replace(" ", "");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                               | hex                                                    | key                      | expected
      empty                                  |                                                        |                          | TOO_SHORT
      truncated header (RFC 5389 §6)         | 000100002112a442b7e7a701bc34d686fa87df                 |                          | TOO_SHORT
      top bits set: RTP (RFC 7983)           | 800100002112a442b7e7a701bc34d686fa87dfae               |                          | NOT_STUN
      bad cookie (RFC 5389 §6)               | 000100002112a443b7e7a701bc34d686fa87dfae               |                          | BAD_COOKIE
      length not multiple of 4               | 000100022112a442b7e7a701bc34d686fa87dfae0000           |                          | BAD_LENGTH
      length past datagram                   | 000100082112a442b7e7a701bc34d686fa87dfae00250000       |                          | TRUNCATED
      bytes after message                    | 000100002112a442b7e7a701bc34d686fa87dfae00250000       |                          | BAD_LENGTH
      attribute overruns message (§15)       | 000100082112a442b7e7a701bc34d686fa87dfae0006000800000000 |                        | BAD_ATTRIBUTE
      PRIORITY with 2 bytes                  | 000100082112a442b7e7a701bc34d686fa87dfae0024000200000000 |                        | BAD_ATTRIBUTE
      FINGERPRINT not last (§15.5)           | 0001000c2112a442b7e7a701bc34d686fa87dfae802800040000000000250000 |                | ATTRIBUTE_AFTER_FINGERPRINT
      no MESSAGE-INTEGRITY                   | 000100042112a442b7e7a701bc34d686fa87dfae00250000       | VOkJxbRl1RmTxUk/WvJxBt   | MISSING_INTEGRITY
      MI with wrong key (§15.4)              | SAMPLE_NO_FP                                           | wrong-password-abcdefghij | BAD_INTEGRITY
      MI with empty key                      | SAMPLE_NO_FP                                           | ''                       | BAD_INTEGRITY
      corrupted FINGERPRINT (§15.5)          | SAMPLE_BAD_FP                                          | VOkJxbRl1RmTxUk/WvJxBt   | BAD_FINGERPRINT
      corrupted body breaks MI               | SAMPLE_BAD_BODY                                        | VOkJxbRl1RmTxUk/WvJxBt   | BAD_FINGERPRINT
      RFC 5769 §2.1 intact                   | SAMPLE                                                 | VOkJxbRl1RmTxUk/WvJxBt   | NONE
      """)
  void malformed(String name, String hex, String key, StunError expected) {
    for (int offset : new int[] {0, 7}) {
      ByteBuf buf = StunTestBuffers.at(offset, resolve(hex));
      try {
        StunMessage m = new StunMessage().wrap(buf);
        StunError error = m.decode();
        if (error == StunError.NONE && key != null) {
          error = m.verify(new MessageIntegrity(), MessageIntegrity.shortTermKey(key));
        }
        assertEquals(expected, error, name + " at offset " + offset);
      } finally {
        buf.release();
      }
    }
  }

  /** Named rows derived from the RFC 5769 §2.1 sample. */
  private static String resolve(String hex) {
    if (hex == null) {
      return "";
    }
    switch (hex) {
      case "SAMPLE": return SAMPLE;
      case "SAMPLE_NO_FP": // drop FINGERPRINT and shorten the length by 8: 0x58 -> 0x50
        return "00010050" + SAMPLE.substring(8, SAMPLE.length() - 16);
      case "SAMPLE_BAD_FP": return SAMPLE.substring(0, SAMPLE.length() - 2) + "00";
      case "SAMPLE_BAD_BODY": return SAMPLE.replace("5354554e", "5354554f"); // "STUN" -> "STUO"
      default: return hex;
    }
  }
}
