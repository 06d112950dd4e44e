package rtpmesh.control.ng;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A decoded ng request: the dictionary plus typed, forgiving accessors. rtpengine accepts a list
 * where a string would do and vice versa, and integers as strings; so do these.
 */
public record NgMessage(Map<String, Object> dict, boolean json) {

  /**
   * Kamailio and OpenSIPS write some keys with spaces ({@code received from}, {@code media address},
   * {@code delete delay}, ...), newer ones with dashes; top-level keys are stored with dashes.
   */
  public NgMessage {
    boolean spaced = false;
    for (String k : dict.keySet()) spaced |= k.indexOf(' ') >= 0;
    if (spaced) {
      Map<String, Object> norm = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, Object> e : dict.entrySet()) norm.putIfAbsent(e.getKey().replace(' ', '-'), e.getValue());
      dict = norm;
    }
  }

  public String str(String key) {
    Object v = dict.get(key);
    if (v instanceof String s) return s;
    if (v instanceof Number n) return Long.toString(n.longValue());
    return null;
  }

  /** A string that must be present and non-empty, else the given error. */
  public String require(String key, String error) {
    String s = str(key);
    if (s == null || s.isEmpty()) throw new NgException(error);
    return s;
  }

  public Long number(String key) {
    Object v = dict.get(key);
    if (v instanceof Number n) return n.longValue();
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A list of strings; a single string counts as a list of its space-separated words. */
  public List<String> list(String key) {
    return asList(dict.get(key));
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    Object v = dict.get(key);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  public static List<String> asList(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object o : l) if (o instanceof String || o instanceof Number) out.add(o.toString());
    } else if (v instanceof String s) {
      for (String w : s.split(" ")) if (!w.isEmpty()) out.add(w);
    }
    return out;
  }
}
