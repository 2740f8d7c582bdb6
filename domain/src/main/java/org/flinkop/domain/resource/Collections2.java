package org.flinkop.domain.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable, null-free copies for record components; insertion order is kept so output reads like input. */
final class Collections2 {

    private Collections2() {
    }

    static <K, V> Map<K, V> map(Map<K, V> source) {
        return source == null || source.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    static <T> List<T> list(List<T> source) {
        return source == null ? List.of() : List.copyOf(source);
    }

    /** Like {@link #map} but keeps {@code null} (absent) apart from empty (written as {@code {}}). */
    static <K, V> Map<K, V> mapOrNull(Map<K, V> source) {
        return source == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /** Like {@link #list} but keeps {@code null} (absent) apart from empty. */
    static <T> List<T> listOrNull(List<T> source) {
        return source == null ? null : List.copyOf(source);
    }

    /**
     * A deep immutable copy of a free-form document (maps, lists, scalars), e.g. a pod template; {@code null}
     * stays {@code null}.
     */
    static Map<String, Object> tree(Map<String, Object> source) {
        if (source == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) deepCopy(source);
        return copy;
    }

    private static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (node instanceof List<?> list) {
            java.util.List<Object> copy = new java.util.ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopy(v)));
            return Collections.unmodifiableList(copy);
        }
        return node;
    }
}
