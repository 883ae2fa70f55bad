package qunzhu.feature;

import java.util.Map;

/**
 * A read-only query another feature may provide ({@link Setup#provide}), looked up when it is
 * used: features install in wiring order, so the provider may install after the one asking.
 */
public final class Provided<T> {
    private final Class<T> type;
    private final Map<Class<?>, Object> registry;

    Provided(Class<T> type, Map<Class<?>, Object> registry) {
        this.type = type;
        this.registry = registry;
    }

    /** The provider, or {@code fallback} when no installed feature provides one. */
    public T orElse(T fallback) {
        Object p = registry.get(type);
        return p == null ? fallback : type.cast(p);
    }
}
