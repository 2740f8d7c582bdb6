package org.flinkop.runtime.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import java.util.Arrays;
import java.util.UUID;
import org.flinkop.domain.resource.FlinkDeployment;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ObjectMeta;
import org.flinkop.domain.resource.ResourceKey;
import org.junit.jupiter.api.Test;

class ResourceCodecTest {

    private static final FlinkDeployment STORED = stored();

    @Test
    void a_stored_resource_reads_back_equal() {
        Either<String, ResourceCodec.Decoded> decoded = ResourceCodec.decode(ResourceKey.of(STORED), ResourceCodec.encode(STORED));

        assertThat(decoded.get().resource()).isEqualTo(STORED);
        assertThat(decoded.get().statusWarnings()).isEmpty();
    }

    @Test
    void a_file_cut_off_at_any_length_is_refused() {
        byte[] whole = ResourceCodec.encode(STORED);

        for (int length = 0; length < whole.length; length++) {
            Either<String, ResourceCodec.Decoded> decoded = ResourceCodec.decode(ResourceKey.of(STORED), Arrays.copyOf(whole, length));
            assertThat(decoded.isLeft()).as("cut to %d of %d bytes", length, whole.length).isTrue();
        }
    }

    @Test
    void a_file_without_the_metadata_the_store_gives_is_refused() {
        FlinkDeployment applied = StoreFixtures.deployment("prod", "orders", 1);

        Either<String, ResourceCodec.Decoded> decoded = ResourceCodec.decode(ResourceKey.of(applied), ResourceCodec.encode(applied));

        assertThat(decoded.getLeft()).isEqualTo("metadata.uid is missing");
    }

    @Test
    void a_file_with_two_documents_or_duplicate_keys_is_refused() {
        byte[] whole = ResourceCodec.encode(STORED);
        byte[] twice = new byte[whole.length * 2];
        System.arraycopy(whole, 0, twice, 0, whole.length);
        System.arraycopy(whole, 0, twice, whole.length, whole.length);

        assertThat(ResourceCodec.decode(ResourceKey.of(STORED), twice).getLeft()).startsWith("it is not JSON: line ");
        assertThat(ResourceCodec.document("{\"a\": 1, \"a\": 2}".getBytes()).getLeft()).isEqualTo("it is not JSON: line 1, column 13: Duplicate Object property \"a\"");
    }

    private static FlinkDeployment stored() {
        FlinkDeployment applied = StoreFixtures.deployment("prod", "orders", 2);
        ObjectMeta m = applied.metadata();
        ObjectMeta meta = new ObjectMeta(m.name(), m.namespace(), new UUID(1, 2).toString(), "42", 3L, StoreFixtures.T0, null, m.labels(),
                m.annotations(), m.finalizers());
        FlinkResource withMeta = new FlinkDeployment(meta, applied.spec(), null);
        return ((FlinkDeployment) withMeta).withStatus(StoreFixtures.upgradingStatus(applied, 5));
    }
}
