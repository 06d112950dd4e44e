package rtpmesh.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An rtpengine.conf style INI file: {@code [section]} headers, {@code key = value} lines, comment
 * lines starting with {@code #} or {@code ;}, blank lines. Entries keep their order and line number;
 * a repeated key yields several entries (the caller decides whether they add up or the last wins).
 */
public final class IniFile {
  /** One {@code key = value} line. */
  public record Entry(String key, String value, int line) {}

  private final String source;
  private final Map<String, List<Entry>> sections;

  private IniFile(String source, Map<String, List<Entry>> sections) {
    this.source = source;
    this.sections = sections;
  }

  public static IniFile read(Path path) throws ConfigException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(path + ": cannot read config file: " + describe(e));
    }
    return parse(path.toString(), text);
  }

  public static IniFile parse(String source, String text) throws ConfigException {
    Map<String, List<Entry>> sections = new LinkedHashMap<>();
    List<Entry> current = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]") || line.length() < 3) {
          throw new ConfigException(source + ":" + lineNo + ": bad section header: '" + line + "'");
        }
        current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
            k -> new ArrayList<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(source + ":" + lineNo + ": expected 'key = value': '" + line + "'");
      }
      if (current == null) {
        throw new ConfigException(source + ":" + lineNo + ": key outside of any [section]");
      }
      current.add(new Entry(line.substring(0, eq).strip(), line.substring(eq + 1).strip(), lineNo));
    }
    return new IniFile(source, sections);
  }

  public String source() {
    return source;
  }

  /** Entries of one section in file order, or null when the file has no such section. */
  public List<Entry> section(String name) {
    return sections.get(name);
  }

  private static String describe(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
