package org.flinkop.adapters.kubernetes.deploy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flinkop.ports.PortFailure;

/**
 * Merges the pod templates of a FlinkDeployment: {@code spec.podTemplate} first, then the JobManager's or
 * TaskManager's own template over it. Objects merge field by field; lists of named objects (containers, init
 * containers, volumes, env, ports, volume mounts) merge by name, so a component template can add to or change
 * {@code flink-main-container} without repeating the rest; other lists of objects merge by position, as the Apache
 * operator merges them; lists of plain values are replaced. A {@code null} in the component template removes the
 * field.
 */
final class PodTemplateModel {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private PodTemplateModel() {
    }

    /** The component's template over the common one; either may be null, and so may the result. */
    static Map<String, Object> merge(Map<String, Object> common, Map<String, Object> component) {
        if (component == null) {
            return common == null ? null : copy(common);
        }
        if (common == null) {
            return copy(component);
        }
        return mergeMaps(common, component);
    }

    /** The template as a Pod; a template that is not one (a field of the wrong type) is refused, naming the field. */
    static Either<PortFailure, Pod> toPod(Map<String, Object> template, String field) {
        if (template == null) {
            return Either.right(new Pod());
        }
        try {
            return Either.right(SERIALIZATION.convertValue(template, Pod.class));
        } catch (RuntimeException e) {
            return Rejections.reject(field, "is not a pod template (" + firstLine(e.getMessage()) + ")", "a Pod: metadata and spec as in a Pod manifest");
        }
    }

    /** A pod template file as Flink's native integration loads it. */
    static String asYaml(Pod pod) {
        return SERIALIZATION.asYaml(pod);
    }

    private static Map<String, Object> mergeMaps(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = copy(base);
        over.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, mergeValues(merged.get(key), value));
            }
        });
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValues(Object base, Object over) {
        if (base instanceof Map<?, ?> baseMap && over instanceof Map<?, ?> overMap) {
            return mergeMaps((Map<String, Object>) baseMap, (Map<String, Object>) overMap);
        }
        if (base instanceof List<?> baseList && over instanceof List<?> overList) {
            if (named(baseList) && named(overList)) {
                return mergeByName(baseList, overList);
            }
            if (objects(baseList) && objects(overList)) {
                return mergeByPosition(baseList, overList);
            }
        }
        return deepCopy(over);
    }

    private static List<Object> mergeByName(List<?> base, List<?> over) {
        List<Object> merged = new ArrayList<>();
        base.forEach(item -> merged.add(deepCopy(item)));
        for (Object item : over) {
            Object name = ((Map<?, ?>) item).get("name");
            int at = indexOfName(merged, name);
            if (at < 0) {
                merged.add(deepCopy(item));
            } else {
                merged.set(at, mergeValues(merged.get(at), item));
            }
        }
        return merged;
    }

    private static List<Object> mergeByPosition(List<?> base, List<?> over) {
        List<Object> merged = new ArrayList<>();
        base.forEach(item -> merged.add(deepCopy(item)));
        for (int i = 0; i < over.size(); i++) {
            if (i < merged.size()) {
                merged.set(i, mergeValues(merged.get(i), over.get(i)));
            } else {
                merged.add(deepCopy(over.get(i)));
            }
        }
        return merged;
    }

    private static int indexOfName(List<Object> items, Object name) {
        for (int i = 0; i < items.size(); i++) {
            if (Objects.equals(((Map<?, ?>) items.get(i)).get("name"), name)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean named(List<?> list) {
        return list.stream().allMatch(item -> item instanceof Map<?, ?> map && map.get("name") instanceof String);
    }

    private static boolean objects(List<?> list) {
        return list.stream().allMatch(item -> item instanceof Map<?, ?>);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> source) {
        return (Map<String, Object>) deepCopy(source);
    }

    private static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return node;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
