package rtpmesh.recording;

/**
 * The control contract of the recorder: the event-bus address of a node's recording verticle and
 * the JSON of its requests. Control only: packets reach the recorder through the media blocks'
 * taps ({@link rtpmesh.media.relay.MediaTap}), never over the bus.
 *
 * <ul>
 *   <li>{@code start}: {@code {op, call, parties?, metadata?, dir?, file?, pattern?, outputDestination?,
 *       metaFile?}} opens the call's files and the metadata JSON (or, for a call already recorded here,
 *       updates parties and metadata and resumes it when paused). {@code parties}: {@code [{tag, label,
 *       legs: [{port, index, type, address, port, remote, codecs: [{pt, name, rate, channels, fmtp}]}]}]}.
 *       {@code metaFile} continues an existing metadata file (a call taken over after a failover): the
 *       new files are a new segment of it. Reply {@code {metaFile, segment, files: [path...]}}. Then the
 *       control plane turns the call's tap on ({@code rtpmesh.media.MediaApi#OP_TAP}).</li>
 *   <li>{@code pause}: {@code {op, call}}, after the tap was turned off: files stay open. Reply
 *       {@code {paused: true}}, or {@code {paused: false}} when the call is not recorded.</li>
 *   <li>{@code stop}: {@code {op, call}}, after the tap was turned off: every packet handed over is
 *       written, the files are closed and the metadata gets its stop time. Reply {@code {stopped}}.</li>
 *   <li>{@code forward}: {@code {op, call, parties, forwardTo?, fromTag?}} starts forwarding the call's
 *       decoded audio ({@link ForwardChunk}) to {@code forwardTo} (default: the node's), every party's or only
 *       {@code fromTag}'s; again for a forwarded call: new parties, or a new destination. Reply
 *       {@code {forwardTo}}; fails 400 with {@link #NO_FORWARD_TO} or {@code Invalid value for 'forward-to'}.
 *       Then the control plane turns the call's tap on.</li>
 *   <li>{@code unforward}: {@code {op, call}}: the streams' last chunks and END records go out, the socket
 *       closes. Reply {@code {stopped}}. Independent of the recording of the call.</li>
 *   <li>{@code stats}: {@code {op}}; reply {@code {active, started, packets, bytes, dropped,
 *       writeErrors, files}}.</li>
 * </ul>
 * Failures: {@code message.fail(400, reason)} for a bad request, {@code 500} with
 * {@code Failed to start recording: <why>} when a file cannot be created, {@link #NOT_RECORDING} for
 * {@code start} on a node that only forwards.
 */
public final class RecordingApi {
  private RecordingApi() {}

  public static final String OP_START = "start";
  public static final String OP_PAUSE = "pause";
  public static final String OP_STOP = "stop";
  public static final String OP_STATS = "stats";
  public static final String OP_FORWARD = "forward";
  public static final String OP_UNFORWARD = "unforward";
  public static final String FORWARD_TO = "forwardTo";
  public static final String FROM_TAG = "fromTag";
  /** Failure code: the node has no recording directory (it may still forward). */
  public static final int NOT_RECORDING = 501;
  public static final String NO_FORWARD_TO = "Forwarding not configured on this node (no --forward-to)";

  public static final String CALL = "call";
  public static final String PARTIES = "parties";
  public static final String METADATA = "metadata";
  public static final String DIR = "dir";
  public static final String FILE = "file";
  public static final String PATTERN = "pattern";
  public static final String OUTPUT_DESTINATION = "outputDestination";
  public static final String META_FILE = "metaFile";

  public static String address(String nodeId) {
    return "rtpmesh.recording." + nodeId;
  }
}
