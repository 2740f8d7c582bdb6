package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataOnlyStoreTest {

    @Test
    void keeps_the_name_namespace_uid_version_and_labels_of_an_object_and_nothing_else() {
        MetadataOnlyStore<ConfigMap> store = new MetadataOnlyStore<>(ConfigMap::new);
        ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withName("flink-config-orders").withNamespace("streaming").withUid("u-1")
                .withResourceVersion("42").withLabels(Map.of("app", "orders")).addToAnnotations("note", "dropped").endMetadata()
                .withData(Map.of("config.yaml", "parallelism.default: 2")).build();

        String key = store.getKey(configMap);
        store.put(key, configMap);

        assertThat(key).isEqualTo("streaming/flink-config-orders");
        ConfigMap kept = store.get(key);
        assertThat(kept.getData()).isNullOrEmpty();
        assertThat(kept.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(kept.getMetadata().getName()).isEqualTo("flink-config-orders");
        assertThat(kept.getMetadata().getNamespace()).isEqualTo("streaming");
        assertThat(kept.getMetadata().getUid()).isEqualTo("u-1");
        assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(kept.getMetadata().getLabels()).containsExactlyEntriesOf(Map.of("app", "orders"));
        assertThat(configMap.getData()).as("the informer's object is left as it was").containsKey("config.yaml");
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.keySet()).containsExactly(key);
        assertThat(store.isFullState()).isFalse();
        assertThat(store.remove(key)).isSameAs(kept);
        assertThat(store.size()).isZero();
    }
}
