package rtpmesh.control.call;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The node's logical interfaces by name; the first one configured is the default. */
public final class Interfaces {
  private final Map<String, LogicalInterface> byName = new LinkedHashMap<>();
  private final LogicalInterface first;

  public Interfaces(List<LogicalInterface> list) {
    if (list.isEmpty()) throw new IllegalArgumentException("no interface configured");
    for (LogicalInterface i : list) byName.putIfAbsent(i.name(), i);
    first = list.get(0);
  }

  /** The interface of that name; an unknown or absent name means the default (rtpengine ignores it). */
  public LogicalInterface get(String name) {
    if (name != null && byName.containsKey(name)) return byName.get(name);
    LogicalInterface d = byName.get("default");
    return d != null ? d : first;
  }
}
