package rtpmesh.media.relay;

/** What a leg tells the control plane on the rare media events that belong in the call record. */
public sealed interface LegReport permits DtlsReport, RocReport {
  String callId();

  int port();
}
