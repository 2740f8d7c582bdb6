package org.flinkop.domain.binding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flinkop.domain.resource.Spelled;

/** Builds one object of a document tree, leaving out absent ({@code null}) fields. */
final class ObjectWriter {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    ObjectWriter put(String key, Object value) {
        if (value instanceof Spelled spelled) {
            fields.put(key, spelled.spelling());
        } else if (value instanceof Instant instant) {
            fields.put(key, instant.toString());
        } else if (value != null) {
            fields.put(key, value);
        }
        return this;
    }

    <T> ObjectWriter put(String key, T value, Function<T, Map<String, Object>> encoder) {
        if (value != null) {
            fields.put(key, encoder.apply(value));
        }
        return this;
    }

    <T> ObjectWriter putAll(String key, List<T> values, Function<T, Map<String, Object>> encoder) {
        if (values != null) {
            List<Object> encoded = new ArrayList<>(values.size());
            values.forEach(v -> encoded.add(encoder.apply(v)));
            fields.put(key, encoded);
        }
        return this;
    }

    /** Puts a map unless it is empty, for metadata where empty and absent mean the same. */
    ObjectWriter putNonEmpty(String key, Map<String, ?> value) {
        if (value != null && !value.isEmpty()) {
            fields.put(key, value);
        }
        return this;
    }

    ObjectWriter putNonEmpty(String key, List<?> value) {
        if (value != null && !value.isEmpty()) {
            fields.put(key, value);
        }
        return this;
    }

    Map<String, Object> build() {
        return fields;
    }
}
