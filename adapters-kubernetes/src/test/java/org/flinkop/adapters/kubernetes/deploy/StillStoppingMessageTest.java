package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StillStoppingMessageTest {

    @Test
    void one_stopping_job_manager_is_named() {
        assertThat(KubernetesClusterDeployer.stillStopping(List.of("basic-7f9-abcde")))
                .isEqualTo("JobManager pod basic-7f9-abcde of the old cluster is still stopping; the HA metadata it writes is restored once it is gone");
    }

    @Test
    void every_stopping_job_manager_is_named_in_order() {
        assertThat(KubernetesClusterDeployer.stillStopping(List.of("basic-7f9-zzzzz", "basic-7f9-aaaaa")))
                .isEqualTo("JobManager pods basic-7f9-aaaaa, basic-7f9-zzzzz of the old cluster are still stopping; the HA metadata they write is restored"
                        + " once they are gone");
    }
}
