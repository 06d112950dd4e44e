package rtpmesh.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rtpmesh.node.cluster.NgClient.dict;
import static rtpmesh.node.cluster.Replies.ok;
import static rtpmesh.node.cluster.Replies.relayPort;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes recording into one (shared) directory; the owner of a recorded call is killed with
 * SIGKILL. The survivor takes the call over and the recording goes on there, in new files that
 * are listed in the same metadata file as a second segment; the delete ends it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecordingFailoverTest {
  @RegisterExtension
  static final LocalCluster cluster = new LocalCluster("recording-failover");
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("rtpmesh-rec-failover");
    List<String> rec = List.of("--recording-dir=" + dir, "--recording-method=pcap");
    cluster.start(2, List.of(rec, rec));
  }

  @AfterAll
  static void stop() throws java.io.IOException {
    cluster.close();
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) Files.delete(f);
    }
    Files.delete(dir);
  }

  @Test
  void aRecordingGoesOnOnTheSurvivorInNewFilesOfTheSameMetadata() throws Exception {
    NodeProcess a = cluster.node(1);
    NodeProcess b = cluster.node(2);
    String callId = "recfail-" + UUID.randomUUID();
    try (NgClient ng = new NgClient(); Phone caller = new Phone(0x1111); Phone callee = new Phone(0x2222)) {
      int toCallee = relayPort(ok("offer", ng.command(a.ngPort, dict("command", "offer", "call-id", callId,
          "from-tag", "ft", "sdp", caller.sdp(), "record call", "yes"), 3000)));
      int toCaller = relayPort(ok("answer", ng.command(a.ngPort, dict("command", "answer", "call-id", callId,
          "from-tag", "ft", "to-tag", "tt", "sdp", callee.sdp()), 3000)));
      PacedSender sender = new PacedSender(n -> {
        caller.send(n, toCaller);
        callee.send(n, toCallee);
      });
      sender.start();
      try {
        Thread.sleep(3000);
        a.kill();
        int firstAfterDeath = sender.sent();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (caller.arrivals().stream().noneMatch(r -> r.seq() >= firstAfterDeath + 25)
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertTrue(caller.arrivals().stream().anyMatch(r -> r.seq() >= firstAfterDeath + 25),
            "media resumed on the survivor");
        Thread.sleep(1500); // recorded by the survivor
      } finally {
        sender.stop();
      }
      ok("delete via " + b.id, ng.command(b.ngPort, dict("command", "delete", "call-id", callId,
          "from-tag", "ft", "delete-delay", 0), 3000));
    }
    List<Path> metas;
    try (var files = Files.list(dir)) {
      metas = files.filter(f -> f.toString().endsWith(".json")).toList();
    }
    assertEquals(1, metas.size(), "one metadata file for the call: " + metas);
    JsonObject meta = new JsonObject(Files.readString(metas.get(0)));
    assertEquals(callId, meta.getString("call-id"));
    assertEquals(2, meta.getInteger("segments"), meta.encodePrettily());
    List<String> nodes = new ArrayList<>();
    for (Object o : meta.getJsonArray("files")) {
      JsonObject f = (JsonObject) o;
      nodes.add(f.getString("node") + ":" + f.getString("type"));
      assertTrue(Files.exists(Path.of(f.getString("path"))), "listed file exists: " + f);
    }
    assertEquals(List.of(a.id + ":pcap", b.id + ":pcap"), nodes, "one pcap per owner");
    JsonObject second = meta.getJsonArray("files").getJsonObject(1);
    assertTrue(second.getLong("packets", 0L) > 50, "the survivor recorded the call's packets: " + second);
    List<String> events = new ArrayList<>();
    for (Object o : meta.getJsonArray("events")) {
      JsonObject e = (JsonObject) o;
      events.add(e.getString("node") + ":" + e.getString("event"));
    }
    assertEquals(List.of(a.id + ":start", b.id + ":start", b.id + ":stop"), events);
  }
}
