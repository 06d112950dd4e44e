package rtpmesh.control.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link TestNode} with rtpengine's CLI on, and calls set up through it by offer and answer over
 * ng UDP, for tests outside this package (the node helpers here are package-private). Each call is
 * between the same two phones.
 */
public final class NodeWithCalls implements AutoCloseable {
  private final TestNode node;
  private final NgClient ng;
  private final Phone a;
  private final Phone b;
  private final List<TwoPartyCall> calls = new ArrayList<>();

  private NodeWithCalls(TestNode node) {
    this.node = node;
    this.ng = node.ng();
    this.a = Phone.open();
    this.b = Phone.open();
  }

  /** A node with its CLI on a free loopback port and no call yet. */
  public static NodeWithCalls start() {
    return new NodeWithCalls(TestNode.startWithCli());
  }

  public int cliPort() {
    return node.cliPort();
  }

  /** Sets up one more call (offer from A, answer from B) and answers its call-id. */
  public String establish() {
    TwoPartyCall c = TwoPartyCall.establish(ng, a, b);
    calls.add(c);
    return c.callId;
  }

  /** The ng {@code query} error-reason for the call, or null when the node still has it. */
  public String queryError(String callId) {
    Map<String, Object> reply = ng.request("command", "query", "call-id", callId);
    return "error".equals(reply.get("result")) ? NgClient.errorReason(reply) : null;
  }

  /** The call's four relay ports: A's RTP and RTCP, B's RTP and RTCP. */
  public int[] relayPorts(String callId) {
    TwoPartyCall c = call(callId);
    return new int[] {c.portA, c.portA + 1, c.portB, c.portB + 1};
  }

  /** RTP goes both ways through the call and the node counts it. */
  public void assertMediaFlows(String callId) {
    TwoPartyCall c = call(callId);
    c.assertRtpBothWays(3);
    c.awaitCounted();
  }

  /** Every one of the call's relay ports can be bound again: the node let go of them. */
  public void assertReleased(String callId) {
    TwoPartyCall.assertReleased(relayPorts(callId));
  }

  private TwoPartyCall call(String callId) {
    for (TwoPartyCall c : calls) if (c.callId.equals(callId)) return c;
    throw new IllegalArgumentException("no call " + callId + " set up here");
  }

  @Override
  public void close() {
    a.close();
    b.close();
    node.close();
  }
}
