package org.flinkop.adapters.kubernetes.store;

/**
 * Orders resourceVersions. Kubernetes calls them opaque, but the API server over etcd gives every write a larger
 * integer (etcd's revision), and the cache relies on that to tell whether its own write or an informer event is
 * newer. A version that is not an integer is taken as newer than anything, so the latest news wins.
 */
final class ResourceVersions {

    static final long UNKNOWN = Long.MAX_VALUE;

    private ResourceVersions() {
    }

    static long parse(String resourceVersion) {
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            return UNKNOWN;
        }
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }
}
