package org.flinkop.runtime.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"s3.secret-key", "s3.access-key", "fs.azure.account.key.acct.blob.core.windows.net", "security.ssl.keystore-password",
            "metrics.reporter.dghttp.apikey", "kubernetes.operator.auth-token", "gs.auth.service.account.credentials", "security.kerberos.jaas.config",
            "kubernetes.operator.user.artifacts.http-headers", "ARTIFACTS.TRUST-STORE-PASSWORD"})
    void keys_that_hold_secrets_are_sensitive(String key) {
        assertThat(SensitiveKeys.isSensitive(key)).isTrue();
        assertThat(SensitiveKeys.shown(key, "value")).isEqualTo(SensitiveKeys.MASK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"taskmanager.numberOfTaskSlots", "state.checkpoints.dir", "kubernetes.operator.reconcile.interval", "high-availability.type"})
    void other_keys_are_shown(String key) {
        assertThat(SensitiveKeys.isSensitive(key)).isFalse();
        assertThat(SensitiveKeys.shown(key, "value")).isEqualTo("value");
    }
}
