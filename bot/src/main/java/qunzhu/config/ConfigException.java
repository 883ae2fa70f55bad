package qunzhu.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when configuration has errors; carries all of them, not just the first. */
public class ConfigException extends RuntimeException {
    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() { return errors; }
}
