package rtpmesh.control.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** The node process's CPU use, for the console's node table. */
public final class ProcessLoad {
  private ProcessLoad() {}

  /** Recent CPU use of this process, 0..1 of the whole machine; -1 when the JVM cannot tell. */
  public static double cpu() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuLoad();
    return -1;
  }
}
