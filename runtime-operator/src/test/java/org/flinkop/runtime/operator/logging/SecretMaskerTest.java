package org.flinkop.runtime.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretMaskerTest {

    private final SecretMasker masker = new SecretMasker();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "s3.secret-key: abc123|s3.secret-key: ******",
            "password=hunter2 and more|password=****** and more",
            "{\"fs.azure.account.key\":\"c2VjcmV0\",\"x\":1}|{\"fs.azure.account.key\":******,\"x\":1}",
            "token='eyJhbGciOi' user=me|token=****** user=me",
            "security.ssl.keystore-password = changeit, next|security.ssl.keystore-password = ******, next",
            "nothing secret here: 42|nothing secret here: 42",
    })
    void a_value_next_to_a_secret_looking_key_is_masked(String text, String masked) {
        assertThat(masker.mask(text)).isEqualTo(masked);
    }

    @Test
    void a_registered_value_is_masked_wherever_it_appears_without_its_key() {
        masker.register("FlinkDeployment ns/a", Map.of("s3.secret-key", "Sup3rS3cret", "taskmanager.numberOfTaskSlots", "2"));
        assertThat(masker.mask("AccessDenied: Sup3rS3cret was refused for 2 slots")).isEqualTo("AccessDenied: ****** was refused for 2 slots");
    }

    @Test
    void a_forgotten_or_replaced_value_is_no_longer_masked() {
        masker.register("FlinkDeployment ns/a", Map.of("s3.secret-key", "first-secret"));
        masker.register("FlinkDeployment ns/a", Map.of("s3.secret-key", "second-secret"));
        assertThat(masker.mask("first-secret second-secret")).isEqualTo("first-secret ******");
        masker.forget("FlinkDeployment ns/a");
        assertThat(masker.mask("second-secret")).isEqualTo("second-secret");
    }

    @Test
    void a_secret_containing_another_is_masked_whole() {
        masker.register("a", Map.of("password", "abcd"));
        masker.register("b", Map.of("token", "abcdefgh"));
        assertThat(masker.mask("x abcdefgh y")).isEqualTo("x ****** y");
    }

    @Test
    void values_too_short_to_be_told_apart_are_masked_only_next_to_their_key() {
        masker.register("a", Map.of("password", "abc"));
        assertThat(masker.mask("abc and password: abc")).isEqualTo("abc and password: ******");
    }
}
