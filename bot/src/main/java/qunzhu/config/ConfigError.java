package qunzhu.config;

/** One thing wrong with the configuration, printed as {@code file:line: key: message}. */
public record ConfigError(String file, int line, String key, String message) {
    @Override public String toString() {
        return file + ":" + line + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + message;
    }
}
