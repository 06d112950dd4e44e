package rtpmesh.media.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DtlsRoleTest {
  // RFC 5763 §5 / RFC 4145 §4: the active side is the DTLS client.
  @ParameterizedTest(name = "rfc5763 remote a=setup:{0} -> we are {1}, we answer {2}")
  @CsvSource({
    "active,   SERVER, passive",
    "passive,  CLIENT, active",
    "actpass,  CLIENT, active",
    "ACTPASS,  CLIENT, active",
  })
  void rfc5763RoleFromRemoteSetup(String remote, DtlsRole role, String answer) {
    DtlsRole ours = DtlsRole.forRemoteSetup(DtlsSetup.parse(remote).orElseThrow()).orElseThrow();
    assertEquals(role, ours);
    assertEquals(answer, ours.localSetup().wireName());
  }

  @ParameterizedTest(name = "a=setup:{0} gives no role")
  @CsvSource({"holdconn"})
  void holdconnHasNoRole(String remote) {
    assertEquals(Optional.empty(), DtlsRole.forRemoteSetup(DtlsSetup.parse(remote).orElseThrow()));
  }

  @ParameterizedTest(name = "unknown a=setup:{0}")
  @CsvSource({"sideways", "''"})
  void unknownSetup(String value) {
    assertEquals(Optional.empty(), DtlsSetup.parse(value));
  }
}
