package org.flinkop.adapters.kubernetes.store;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the Kubernetes resource store serves and how.
 *
 * @param namespaces  the namespaces watched; empty for all namespaces
 * @param labels      only resources carrying all these labels are served; empty for all
 * @param resync      how often informers hand every cached resource to the listeners again; zero for never
 * @param syncTimeout how long {@link KubernetesResourceStore#start()} waits for the informers' first list
 * @param component   the name events are reported under ({@code source.component})
 * @param eventWindow a repeated event (same object, reason, type and message) last seen within this window raises
 *                    the count of its Event instead of creating another
 * @param eventBurst  how many events one object may get at once
 * @param eventRefill after the burst, one more event per this period and object
 */
public record KubernetesStoreSettings(Set<String> namespaces, Map<String, String> labels, Duration resync, Duration syncTimeout, String component,
        Duration eventWindow, int eventBurst, Duration eventRefill) {

    public KubernetesStoreSettings {
        namespaces = Set.copyOf(Objects.requireNonNull(namespaces, "namespaces"));
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
        requireNotNegative("resync", resync);
        requirePositive("syncTimeout", syncTimeout);
        requirePositive("eventWindow", eventWindow);
        requirePositive("eventRefill", eventRefill);
        if (component == null || component.isBlank()) {
            throw new IllegalArgumentException("component: must name the operator (allowed: a non-empty name such as flinkop)");
        }
        if (eventBurst < 1) {
            throw new IllegalArgumentException("eventBurst: " + eventBurst + " (allowed: 1 or more)");
        }
    }

    /**
     * All namespaces, no label selector, no resync, 60 s to sync; events as Kubernetes' own components rate them:
     * repeats within 10 minutes folded, a burst of 25 per object, then one every 5 minutes.
     */
    public static KubernetesStoreSettings defaults() {
        return new KubernetesStoreSettings(Set.of(), Map.of(), Duration.ZERO, Duration.ofSeconds(60), "flinkop", Duration.ofMinutes(10), 25,
                Duration.ofMinutes(5));
    }

    public KubernetesStoreSettings withNamespaces(Set<String> watched) {
        return new KubernetesStoreSettings(watched, labels, resync, syncTimeout, component, eventWindow, eventBurst, eventRefill);
    }

    public KubernetesStoreSettings withLabels(Map<String, String> selector) {
        return new KubernetesStoreSettings(namespaces, selector, resync, syncTimeout, component, eventWindow, eventBurst, eventRefill);
    }

    public KubernetesStoreSettings withResync(Duration period) {
        return new KubernetesStoreSettings(namespaces, labels, period, syncTimeout, component, eventWindow, eventBurst, eventRefill);
    }

    public KubernetesStoreSettings withEvents(Duration window, int burst, Duration refill) {
        return new KubernetesStoreSettings(namespaces, labels, resync, syncTimeout, component, window, burst, refill);
    }

    /** Whether this store serves resources of {@code namespace}. */
    public boolean watches(String namespace) {
        return namespaces.isEmpty() || namespaces.contains(namespace);
    }

    /** Whether a resource with these labels passes the label selector. */
    public boolean selects(Map<String, String> resourceLabels) {
        return resourceLabels.entrySet().containsAll(labels.entrySet());
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + " (allowed: a positive duration)");
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + " (allowed: zero or a positive duration)");
        }
    }
}
