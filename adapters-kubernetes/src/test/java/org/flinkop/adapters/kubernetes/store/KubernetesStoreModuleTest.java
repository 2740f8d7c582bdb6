package org.flinkop.adapters.kubernetes.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.flinkop.ports.store.ResourceStore;
import org.junit.jupiter.api.Test;

class KubernetesStoreModuleTest {

    @Test
    void the_module_binds_one_store_for_the_port_and_the_runtime_without_talking_to_the_api_server() {
        // nothing listens on port 1: any request would fail, and none must be sent while wiring
        Config unreachable = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1").build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(unreachable).build()) {
            Injector injector = Guice.createInjector(new KubernetesStoreModule(), binder -> {
                binder.requireExplicitBindings();
                binder.bind(KubernetesClient.class).toInstance(client);
            });

            KubernetesResourceStore store = injector.getInstance(KubernetesResourceStore.class);

            assertThat(injector.getInstance(ResourceStore.class)).isSameAs(store);
            assertThat(store.list(org.flinkop.domain.resource.ResourceKind.FLINK_DEPLOYMENT)).isEmpty();
            store.close();
        }
    }

    @Test
    void settings_name_the_field_and_what_is_allowed_when_they_are_wrong() {
        KubernetesStoreSettings defaults = KubernetesStoreSettings.defaults();

        assertThatThrownBy(() -> defaults.withEvents(Duration.ofMinutes(10), 0, Duration.ofMinutes(5)))
                .hasMessage("eventBurst: 0 (allowed: 1 or more)");
        assertThatThrownBy(() -> defaults.withResync(Duration.ofSeconds(-1)))
                .hasMessage("resync: PT-1S (allowed: zero or a positive duration)");
    }

    @Test
    void settings_tell_which_namespaces_and_labels_are_served() {
        KubernetesStoreSettings settings = KubernetesStoreSettings.defaults().withNamespaces(Set.of("team-a")).withLabels(Map.of("managed", "true"));

        assertThat(settings.watches("team-a")).isTrue();
        assertThat(settings.watches("team-b")).isFalse();
        assertThat(KubernetesStoreSettings.defaults().watches("team-b")).isTrue();
        assertThat(settings.selects(Map.of("managed", "true", "team", "a"))).isTrue();
        assertThat(settings.selects(Map.of("managed", "false"))).isFalse();
        assertThat(KubernetesStoreSettings.defaults().selects(Map.of())).isTrue();
    }
}
