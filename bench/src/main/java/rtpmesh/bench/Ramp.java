package rtpmesh.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The largest number of calls a relay sustains ({@link RunResult#sustainable}): double from
 * {@code start} until a load fails (or {@code max} passes), then bisect between the last pass and
 * the first failure down to {@code step} calls or 10 %, whichever is larger.
 */
final class Ramp {
  /** The answer and every load tried on the way. */
  record Outcome(int maxCalls, List<RunResult> steps) {}

  private Ramp() {}

  static Outcome search(LoadRun.Options o, int start, int max, int step, Consumer<RunResult> report)
      throws IOException, InterruptedException {
    List<RunResult> steps = new ArrayList<>();
    int lo = 0;       // largest load that passed
    int hi = max + 1; // smallest load that failed
    for (int n = Math.min(start, max); ; n = Math.min(2 * n, max)) {
      if (try1(o, n, steps, report)) {
        lo = n;
        if (n == max) {
          break;
        }
      } else {
        hi = n;
        break;
      }
    }
    while (hi <= max && hi - lo > Math.max(step, lo / 10)) {
      int mid = Math.max(1, (lo + hi) / 2 / step * step);
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (try1(o, mid, steps, report)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return new Outcome(lo, List.copyOf(steps));
  }

  private static boolean try1(LoadRun.Options o, int calls, List<RunResult> steps,
                              Consumer<RunResult> report) throws IOException, InterruptedException {
    RunResult r = LoadRun.run(o, calls);
    steps.add(r);
    report.accept(r);
    Thread.sleep(1000); // let the relay finish deleting before the next load
    return r.sustainable();
  }
}
