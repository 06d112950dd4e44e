package rtpmesh.media.stun;

/**
 * Attribute type codes: RFC 5389 §18.2 and ICE's RFC 8445 §16.1. Unknown codes are legal on the
 * wire, so these are ints rather than an enum; {@link #name(int)} is for logs and tests.
 */
public final class StunAttribute {
  public static final int MAPPED_ADDRESS = 0x0001;
  public static final int USERNAME = 0x0006;
  public static final int MESSAGE_INTEGRITY = 0x0008;
  public static final int ERROR_CODE = 0x0009;
  public static final int UNKNOWN_ATTRIBUTES = 0x000A;
  public static final int REALM = 0x0014;
  public static final int NONCE = 0x0015;
  public static final int XOR_MAPPED_ADDRESS = 0x0020;
  public static final int PRIORITY = 0x0024;
  public static final int USE_CANDIDATE = 0x0025;
  public static final int SOFTWARE = 0x8022;
  public static final int ALTERNATE_SERVER = 0x8023;
  public static final int FINGERPRINT = 0x8028;
  public static final int ICE_CONTROLLED = 0x8029;
  public static final int ICE_CONTROLLING = 0x802A;

  /** Size of a type-length header. */
  public static final int HEADER_LENGTH = 4;

  private StunAttribute() {}

  /**
   * RFC 5389 §15: types below 0x8000 are comprehension-required; an unknown one in a request
   * earns a 420 (Unknown Attribute) error.
   */
  public static boolean isComprehensionRequired(int type) {
    return type < 0x8000;
  }

  public static boolean isKnown(int type) {
    return name(type) != null;
  }

  /** Value length rounded up to the 32-bit boundary (RFC 5389 §15). */
  public static int padded(int length) {
    return (length + 3) & ~3;
  }

  /** The RFC name of a known type, or null. */
  public static String name(int type) {
    switch (type) {
      case MAPPED_ADDRESS: return "MAPPED-ADDRESS";
      case USERNAME: return "USERNAME";
      case MESSAGE_INTEGRITY: return "MESSAGE-INTEGRITY";
      case ERROR_CODE: return "ERROR-CODE";
      case UNKNOWN_ATTRIBUTES: return "UNKNOWN-ATTRIBUTES";
      case REALM: return "REALM";
      case NONCE: return "NONCE";
      case XOR_MAPPED_ADDRESS: return "XOR-MAPPED-ADDRESS";
      case PRIORITY: return "PRIORITY";
      case USE_CANDIDATE: return "USE-CANDIDATE";
      case SOFTWARE: return "SOFTWARE";
      case ALTERNATE_SERVER: return "ALTERNATE-SERVER";
      case FINGERPRINT: return "FINGERPRINT";
      case ICE_CONTROLLED: return "ICE-CONTROLLED";
      case ICE_CONTROLLING: return "ICE-CONTROLLING";
      default: return null;
    }
  }

  /**
   * The only value length a fixed-size attribute may have, or -1 for variable-size ones. Checked
   * at decode so accessors can read without bounds checks.
   */
  static int fixedLength(int type) {
    switch (type) {
      case MESSAGE_INTEGRITY: return 20;
      case FINGERPRINT: return 4;
      case PRIORITY: return 4;
      case USE_CANDIDATE: return 0;
      case ICE_CONTROLLED:
      case ICE_CONTROLLING: return 8;
      default: return -1;
    }
  }
}
