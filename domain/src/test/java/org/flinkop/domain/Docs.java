package org.flinkop.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid documents of each kind as mutable trees, and path-based edits of them, for table-driven tests. */
public final class Docs {

    private Docs() {
    }

    public static Map<String, Object> application() {
        return tree(
                "apiVersion", "flink.apache.org/v1beta1",
                "kind", "FlinkDeployment",
                "metadata", tree("name", "orders", "namespace", "streaming"),
                "spec", tree(
                        "image", "flink:1.20",
                        "flinkVersion", "v1_20",
                        "serviceAccount", "flink",
                        "flinkConfiguration", tree(
                                "taskmanager.numberOfTaskSlots", "2",
                                "state.checkpoints.dir", "file:///flink-data/checkpoints",
                                "state.savepoints.dir", "file:///flink-data/savepoints"),
                        "jobManager", tree("resource", tree("memory", "2048m", "cpu", 1)),
                        "taskManager", tree("resource", tree("memory", "2048m", "cpu", 1)),
                        "job", tree(
                                "jarURI", "local:///opt/flink/examples/streaming/StateMachineExample.jar",
                                "parallelism", 2,
                                "upgradeMode", "savepoint",
                                "state", "running")));
    }

    public static Map<String, Object> session() {
        Map<String, Object> doc = application();
        remove(doc, "spec.job");
        set(doc, "metadata.name", "session");
        return doc;
    }

    public static Map<String, Object> sessionJob() {
        return tree(
                "apiVersion", "flink.apache.org/v1beta1",
                "kind", "FlinkSessionJob",
                "metadata", tree("name", "clicks", "namespace", "streaming"),
                "spec", tree(
                        "deploymentName", "session",
                        "job", tree(
                                "jarURI", "https://repo.example.org/jobs/clicks-1.0.jar",
                                "parallelism", 4,
                                "upgradeMode", "stateless")));
    }

    public static Map<String, Object> savepointSnapshot() {
        return tree(
                "apiVersion", "flink.apache.org/v1beta1",
                "kind", "FlinkStateSnapshot",
                "metadata", tree("name", "orders-savepoint-1", "namespace", "streaming"),
                "spec", tree(
                        "backoffLimit", 1,
                        "jobReference", tree("kind", "FlinkDeployment", "name", "orders"),
                        "savepoint", tree("path", "file:///flink-data/savepoints", "formatType", "CANONICAL", "disposeOnDelete", true)));
    }

    public static Map<String, Object> tree(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Sets the value at a dotted path (keys containing dots are written in brackets), creating objects on the way. */
    public static Map<String, Object> set(Map<String, Object> doc, String path, Object value) {
        List<String> keys = keys(path);
        Map<String, Object> parent = parent(doc, keys, true);
        parent.put(keys.get(keys.size() - 1), value);
        return doc;
    }

    public static Map<String, Object> remove(Map<String, Object> doc, String path) {
        List<String> keys = keys(path);
        Map<String, Object> parent = parent(doc, keys, false);
        if (parent != null) {
            parent.remove(keys.get(keys.size() - 1));
        }
        return doc;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(Map<String, Object> doc, List<String> keys, boolean create) {
        Map<String, Object> node = doc;
        for (String key : keys.subList(0, keys.size() - 1)) {
            Object next = node.get(key);
            if (!(next instanceof Map)) {
                if (!create) {
                    return null;
                }
                next = new LinkedHashMap<String, Object>();
                node.put(key, next);
            }
            node = (Map<String, Object>) next;
        }
        return node;
    }

    private static List<String> keys(String path) {
        List<String> keys = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '[') {
                int end = path.indexOf(']', i);
                if (current.length() > 0) {
                    keys.add(current.toString());
                    current.setLength(0);
                }
                keys.add(path.substring(i + 1, end));
                i = end;
                if (i + 1 < path.length() && path.charAt(i + 1) == '.') {
                    i++;
                }
            } else if (c == '.') {
                keys.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            keys.add(current.toString());
        }
        return keys;
    }

    /** The tree with every number as a {@link java.math.BigDecimal} without trailing zeros, so 1, 1L and 1.0 compare equal. */
    public static Object canonical(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, canonical(v)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(Docs::canonical).toList();
        }
        if (node instanceof Number number) {
            return new java.math.BigDecimal(number.toString()).stripTrailingZeros();
        }
        return node;
    }
}
