package org.flinkop.domain.binding;

import io.vavr.control.Option;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.flinkop.domain.resource.Spelled;
import org.flinkop.domain.validation.Reason;

/**
 * Reads the fields of one object of a document tree. Every accessor returns {@code null} for an absent or
 * unreadable field and records why in {@link Problems}; {@link #finish()} then reports each key no accessor
 * asked for as an unknown field, with the nearest known name. Decoding therefore never stops at the first
 * problem.
 */
final class ObjectReader {

    private final String path;
    private final Map<?, ?> node;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> tolerated = new LinkedHashSet<>();

    private ObjectReader(String path, Map<?, ?> node, Problems problems) {
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    /**
     * Reads {@code value} at {@code path} as an object with {@code body}, or records a type problem when it is
     * not an object. Returns {@code null} when {@code value} is {@code null}.
     */
    static <T> T read(String path, Object value, Problems problems, Function<ObjectReader, T> body) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path, Reason.WRONG_TYPE, "expected an object, found " + describe(value), "an object");
            return null;
        }
        ObjectReader reader = new ObjectReader(path, map, problems);
        T result = body.apply(reader);
        reader.finish();
        return result;
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    /** Marks keys that may appear and are ignored (fields Kubernetes adds that the operator does not keep). */
    void tolerate(String... keys) {
        tolerated.addAll(List.of(keys));
    }

    /** The raw value of a key, marking it known. */
    Object raw(String key) {
        known.add(key);
        return node.get(key);
    }

    String at(String key) {
        return Paths.field(path, key);
    }

    String string(String key) {
        Object value = raw(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        problems.add(at(key), Reason.WRONG_TYPE, "expected a string, found " + describe(value), "a string (quote it)");
        return null;
    }

    String requiredString(String key) {
        String value = string(key);
        if (value == null && node.get(key) == null) {
            problems.add(at(key), Reason.MISSING_FIELD, "is required", "a non-empty string");
        }
        return value;
    }

    Integer integer(String key) {
        BigInteger value = whole(key);
        if (value == null) {
            return null;
        }
        if (value.bitLength() > 31) {
            problems.add(at(key), Reason.OUT_OF_RANGE, value + " does not fit a 32-bit integer", "a whole number up to 2147483647");
            return null;
        }
        return value.intValue();
    }

    Long longValue(String key) {
        BigInteger value = whole(key);
        if (value == null) {
            return null;
        }
        if (value.bitLength() > 63) {
            problems.add(at(key), Reason.OUT_OF_RANGE, value + " does not fit a 64-bit integer", "a whole number up to 9223372036854775807");
            return null;
        }
        return value.longValue();
    }

    private BigInteger whole(String key) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            BigDecimal decimal = decimal(number);
            if (decimal != null && decimal.stripTrailingZeros().scale() <= 0) {
                return decimal.toBigIntegerExact();
            }
        }
        problems.add(at(key), Reason.WRONG_TYPE, "expected a whole number, found " + describe(value), "a whole number");
        return null;
    }

    Double number(String key) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && decimal(number) != null) {
            return number.doubleValue();
        }
        problems.add(at(key), Reason.WRONG_TYPE, "expected a number, found " + describe(value), "a number");
        return null;
    }

    Boolean bool(String key) {
        Object value = raw(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        problems.add(at(key), Reason.WRONG_TYPE, "expected true or false, found " + describe(value), "true or false");
        return null;
    }

    <E extends Enum<E> & Spelled> E spelled(String key, Class<E> type) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        String allowed = String.join(", ", Spelled.spellings(type));
        if (!(value instanceof String text)) {
            problems.add(at(key), Reason.WRONG_TYPE, "expected one of " + allowed + ", found " + describe(value), allowed);
            return null;
        }
        Option<E> parsed = Spelled.parse(type, text);
        if (parsed.isEmpty()) {
            String hint = Suggestions.nearest(text, Spelled.spellings(type).asJava()).map(s -> "; did you mean '" + s + "'?").getOrElse("");
            problems.add(at(key), Reason.UNKNOWN_ENUM_VALUE, "'" + text + "' is not allowed" + hint, allowed);
        }
        return parsed.getOrNull();
    }

    /** An RFC 3339 timestamp, or (when {@code epochMillisAllowed}) a string or number of epoch milliseconds. */
    Instant instant(String key, boolean epochMillisAllowed) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        String text = value instanceof Number || value instanceof String ? value.toString() : null;
        if (text != null && epochMillisAllowed && !text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() < 19) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        if (value instanceof String) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problems.add(at(key), Reason.INVALID_TIMESTAMP, "'" + value + "' is not a timestamp", "an RFC 3339 timestamp such as 2024-05-01T12:00:00Z");
        return null;
    }

    /** A map of strings to strings, as Kubernetes labels and annotations are. */
    Map<String, String> stringMap(String key) {
        return read(at(key), raw(key), problems, reader -> {
            Map<String, String> result = new LinkedHashMap<>();
            for (Object entryKey : reader.node.keySet()) {
                String name = String.valueOf(entryKey);
                String value = reader.string(name);
                if (value != null) {
                    result.put(name, value);
                } else if (reader.node.get(name) == null) {
                    problems.add(reader.at(name), Reason.WRONG_TYPE, "has no value", "a string");
                }
            }
            return result;
        });
    }

    /**
     * A Flink configuration map: scalar values become their text, nested objects are flattened with dots
     * ({@code state: {checkpoints.dir: x}} is {@code state.checkpoints.dir: x}) and lists of scalars are joined
     * with {@code ;}, as Flink's own YAML configuration reads them.
     */
    Map<String, String> configurationMap(String key) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(at(key), Reason.WRONG_TYPE, "expected an object, found " + describe(value), "an object of configuration keys to values");
            return null;
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten(at(key), "", map, flat);
        return flat;
    }

    private void flatten(String mapPath, String prefix, Map<?, ?> map, Map<String, String> into) {
        map.forEach((k, v) -> {
            String name = prefix + k;
            String entryPath = Paths.field(mapPath, name);
            if (v instanceof Map<?, ?> nested) {
                flatten(mapPath, name + ".", nested, into);
            } else if (v instanceof List<?> list && list.stream().allMatch(ObjectReader::isScalar)) {
                into.put(name, String.join(";", list.stream().map(ObjectReader::scalarText).toList()));
            } else if (isScalar(v)) {
                into.put(name, scalarText(v));
            } else {
                problems.add(entryPath, Reason.WRONG_TYPE, "expected a value, found " + describe(v), "a string, number or boolean");
            }
        });
    }

    List<String> stringList(String key) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            problems.add(at(key), Reason.WRONG_TYPE, "expected a list, found " + describe(value), "a list of strings");
            return null;
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof String text) {
                result.add(text);
            } else {
                problems.add(Paths.index(at(key), i), Reason.WRONG_TYPE, "expected a string, found " + describe(item), "a string (quote it)");
            }
        }
        return result;
    }

    /** A free-form object (a Kubernetes pod template): any content, kept as it is. */
    @SuppressWarnings("unchecked")
    Map<String, Object> freeObject(String key) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(k -> k instanceof String)) {
            return (Map<String, Object>) map;
        }
        problems.add(at(key), Reason.WRONG_TYPE, "expected an object, found " + describe(value), "an object");
        return null;
    }

    <T> T object(String key, Function<ObjectReader, T> body) {
        return read(at(key), raw(key), problems, body);
    }

    <T> List<T> objects(String key, Function<ObjectReader, T> body) {
        Object value = raw(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            problems.add(at(key), Reason.WRONG_TYPE, "expected a list, found " + describe(value), "a list of objects");
            return null;
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            T item = read(Paths.index(at(key), i), list.get(i), problems, body);
            if (item != null) {
                result.add(item);
            } else if (list.get(i) == null) {
                problems.add(Paths.index(at(key), i), Reason.WRONG_TYPE, "is empty", "an object");
            }
        }
        return result;
    }

    /** Whether the key is present with a non-null value. */
    boolean has(String key) {
        return node.get(key) != null;
    }

    void missing(String key, String allowed) {
        problems.add(at(key), Reason.MISSING_FIELD, "is required", allowed);
    }

    private void finish() {
        for (Object key : node.keySet()) {
            String name = String.valueOf(key);
            if (known.contains(name) || tolerated.contains(name)) {
                continue;
            }
            Option<String> nearest = Suggestions.nearest(name, known);
            String problem = nearest.map(n -> "unknown field; did you mean '" + n + "'?").getOrElse("unknown field");
            problems.add(at(name), Reason.UNKNOWN_FIELD, problem, known.isEmpty() ? "no fields" : String.join(", ", known));
        }
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static String scalarText(Object value) {
        if (value instanceof Number number && decimal(number) != null) {
            return decimal(number).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal d) {
            return d;
        }
        if (number instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return BigDecimal.valueOf(number.longValue());
    }

    static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String text) {
            return "the string '" + text + "'";
        }
        if (value instanceof Boolean) {
            return "the boolean " + value;
        }
        return "the number " + value;
    }
}
