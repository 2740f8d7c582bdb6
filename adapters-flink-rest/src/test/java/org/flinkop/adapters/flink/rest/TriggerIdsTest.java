package org.flinkop.adapters.flink.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TriggerIdsTest {

    @Test
    void a_32_hex_id_is_the_flink_trigger_id_itself() {
        assertThat(TriggerIds.of("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a01").toHexString()).isEqualTo("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a01");
    }

    @Test
    void a_uuid_loses_its_dashes_and_case() {
        assertThat(TriggerIds.of("6F1C2A3E-1111-4A5B-9C8D-0123456789AB").toHexString()).isEqualTo("6f1c2a3e11114a5b9c8d0123456789ab");
    }

    @Test
    void any_other_text_is_hashed_to_the_same_trigger_every_time() {
        String id = TriggerIds.of("savepoint-2024-06-01").toHexString();

        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(TriggerIds.of("savepoint-2024-06-01").toHexString()).isEqualTo(id);
        assertThat(TriggerIds.of("savepoint-2024-06-02").toHexString()).isNotEqualTo(id);
        assertThat(TriggerIds.of("").toHexString()).matches("[0-9a-f]{32}");
    }
}
