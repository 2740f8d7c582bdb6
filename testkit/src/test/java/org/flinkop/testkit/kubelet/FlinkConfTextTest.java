package org.flinkop.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlinkConfTextTest {

    @Test
    void a_value_is_replaced_on_its_own_line_and_a_new_key_is_added_at_the_end() {
        FlinkConfText conf = new FlinkConfText("rest.port: 8081\n\"odd: key\": \"a: b\"\npipeline.jars: local:///opt/flink/usrlib/job.jar\n");

        conf.set("rest.port", "40001");
        conf.set("io.tmp.dirs", "/tmp/pod");
        conf.replaceInValues("/opt/flink/usrlib/", "/host/usrlib/");

        assertThat(conf.text()).isEqualTo("rest.port: 40001\n\"odd: key\": \"a: b\"\npipeline.jars: local:///host/usrlib/job.jar\nio.tmp.dirs: /tmp/pod\n");
        assertThat(conf.values()).containsEntry("odd: key", "a: b").containsEntry("rest.port", "40001");
    }

    @Test
    void comments_are_kept_and_not_read_as_keys() {
        FlinkConfText conf = new FlinkConfText("# rest.port: 1\nrest.port: 8081\n");

        conf.set("rest.port", "2");

        assertThat(conf.text()).isEqualTo("# rest.port: 1\nrest.port: 2\n");
    }
}
