package rtpmesh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU and memory of a process from procfs: utime+stime of all its threads
 * ({@code /proc/<pid>/stat} fields 14 and 15, in clock ticks of 1/100 s on Linux) and VmRSS.
 */
final class ProcStat {
  private static final long NS_PER_TICK = 10_000_000L; // USER_HZ is 100 on every Linux ABI we run on

  private ProcStat() {}

  /** utime + stime of the process in nanoseconds (10 ms resolution). */
  static long cpuNs(long pid) throws IOException {
    String[] f = statFields(pid);
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NS_PER_TICK;
  }

  /** stime alone: the kernel's share (system calls, and the loopback delivery they do). */
  static long sysNs(long pid) throws IOException {
    return Long.parseLong(statFields(pid)[12]) * NS_PER_TICK;
  }

  /** Fields from 3 (state) on: field 14 (utime) is [11], field 15 (stime) is [12]. */
  private static String[] statFields(long pid) throws IOException {
    String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // comm (field 2) may contain spaces and parentheses: fields restart after the last ')'
    return s.substring(s.lastIndexOf(')') + 2).split(" ");
  }

  /** VmRSS in kB, -1 if the process has none (a zombie). */
  static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
      }
    }
    return -1;
  }

  static long self() {
    return ProcessHandle.current().pid();
  }
}
