package rtpmesh.media.ice;

import rtpmesh.media.stun.StunAttribute;

/** RFC 8445 §6.1.1: the controlling agent nominates, the controlled one follows. */
public enum IceRole {
  CONTROLLING(StunAttribute.ICE_CONTROLLING),
  CONTROLLED(StunAttribute.ICE_CONTROLLED);

  private final int attribute;

  IceRole(int attribute) {
    this.attribute = attribute;
  }

  /** The STUN attribute that announces this role, with the tie-breaker (RFC 8445 §7.1.3). */
  public int attribute() {
    return attribute;
  }

  public IceRole opposite() {
    return this == CONTROLLING ? CONTROLLED : CONTROLLING;
  }
}
