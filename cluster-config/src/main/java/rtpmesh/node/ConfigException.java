package rtpmesh.node;

/** A bad option, value or config file. The message is the one line printed after "rtpmesh: ". */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
