package org.flinkop.adapters.kubernetes.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.junit.jupiter.api.Test;

class KindCacheTest {

    private static final ResourceKey ORDERS = new ResourceKey(ResourceKind.FLINK_DEPLOYMENT, "team-a", "orders");

    private final ResourceMapping mapping = new ResourceMapping(StoredResources.SERIALIZATION);
    private final List<ResourceKey> changes = new ArrayList<>();
    private final KindCache cache = new KindCache(ResourceKind.FLINK_DEPLOYMENT, mapping, changes::add);

    @Test
    void informer_events_fill_the_cache_and_reach_the_listener() {
        cache.onAdd(StoredResources.deployment("orders", "10", 2, null));
        cache.onAdd(StoredResources.deployment("clicks", "11", 2, null));

        assertThat(parallelism(cache.get(ORDERS).get())).isEqualTo(2);
        assertThat(cache.list().map(r -> r.metadata().name())).containsExactlyInAnyOrder("orders", "clicks");
        assertThat(changes).hasSize(2).contains(ORDERS);
    }

    @Test
    void an_own_write_is_read_back_at_once_and_an_older_informer_event_does_not_undo_it() {
        cache.onAdd(StoredResources.deployment("orders", "10", 2, null));

        cache.written(read("orders", "12", 4));
        cache.onUpdate(null, StoredResources.deployment("orders", "11", 3, null));

        assertThat(parallelism(cache.get(ORDERS).get())).isEqualTo(4);
        cache.onUpdate(null, StoredResources.deployment("orders", "13", 5, null));
        assertThat(parallelism(cache.get(ORDERS).get())).isEqualTo(5);
    }

    @Test
    void an_own_write_older_than_what_the_informer_reported_is_ignored() {
        cache.onAdd(StoredResources.deployment("orders", "20", 6, null));

        cache.written(read("orders", "15", 4));

        assertThat(parallelism(cache.get(ORDERS).get())).isEqualTo(6);
    }

    @Test
    void an_own_delete_hides_the_object_until_the_informer_reports_it_and_a_recreation_shows_again() {
        cache.onAdd(StoredResources.deployment("orders", "10", 2, null));

        cache.deleted(ORDERS, 12);
        cache.onUpdate(null, StoredResources.deployment("orders", "12", 2, null));
        assertThat(cache.get(ORDERS)).isEmpty();
        assertThat(cache.list()).isEmpty();

        cache.onDelete(StoredResources.deployment("orders", "13", 2, null), false);
        cache.onAdd(StoredResources.deployment("orders", "20", 7, null));
        assertThat(parallelism(cache.get(ORDERS).get())).isEqualTo(7);
    }

    @Test
    void a_deletion_seen_only_by_a_relist_removes_the_object_whatever_its_version() {
        cache.onAdd(StoredResources.deployment("orders", "10", 2, null));
        cache.written(read("orders", "12", 4));

        cache.onDelete(StoredResources.deployment("orders", "10", 2, null), true);

        assertThat(cache.get(ORDERS)).isEmpty();
    }

    @Test
    void a_deletion_older_than_an_own_recreation_keeps_the_recreated_object() {
        cache.onAdd(StoredResources.deployment("orders", "10", 2, null));
        cache.written(read("orders", "30", 9));

        cache.onDelete(StoredResources.deployment("orders", "11", 2, null), false);

        assertThat(parallelism(cache.get(ORDERS).get())).isEqualTo(9);
    }

    private FlinkResource read(String name, String resourceVersion, int parallelism) {
        return mapping.toDomain(StoredResources.deployment(name, resourceVersion, parallelism, null)).get();
    }

    private static int parallelism(FlinkResource resource) {
        return ((FlinkDeployment) resource).spec().job().parallelism();
    }
}
