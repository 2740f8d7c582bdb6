package org.flinkop.runtime.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's own count of the writes it served ({@code apiserver_request_total} from its {@code /metrics}), by
 * verb and resource: where a benchmark's API server time goes. Every client is counted, the controller manager too.
 */
final class ApiServerWrites {

    private static final Pattern REQUESTS = Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$", Pattern.MULTILINE);
    private static final java.util.Set<String> WRITES = java.util.Set.of("POST", "PUT", "PATCH", "APPLY", "DELETE", "GET", "LIST");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private ApiServerWrites() {
    }

    /** Writes served so far, keyed {@code VERB resource[/subresource]}. */
    static Map<String, Long> read(KubernetesClient client) {
        Map<String, Long> writes = new TreeMap<>();
        Matcher line = REQUESTS.matcher(client.raw("/metrics"));
        while (line.find()) {
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(line.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            String verb = labels.getOrDefault("verb", "");
            if (WRITES.contains(verb)) {
                String subresource = labels.getOrDefault("subresource", "");
                String key = verb + " " + labels.getOrDefault("resource", "?") + (subresource.isEmpty() ? "" : "/" + subresource);
                writes.merge(key, (long) Double.parseDouble(line.group(2)), Long::sum);
            }
        }
        return writes;
    }

    /** Writes served since {@code before}, without the kinds that saw none. */
    static Map<String, Long> since(KubernetesClient client, Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        read(client).forEach((key, now) -> {
            long served = now - before.getOrDefault(key, 0L);
            if (served > 0) {
                delta.put(key, served);
            }
        });
        return delta;
    }
}
