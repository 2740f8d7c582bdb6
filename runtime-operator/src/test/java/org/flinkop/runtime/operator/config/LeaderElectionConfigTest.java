package org.flinkop.runtime.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flinkop.runtime.operator.leader.LeaderElectionSettings;
import org.junit.jupiter.api.Test;

/** The {@code kubernetes.operator.leader-election.*} settings, named as the Apache operator names them. */
class LeaderElectionConfigTest {

    private static final Path CACHE = Path.of("target/artifacts");

    private static Either<List<String>, OperatorConfig> read(Map<String, String> file, Map<String, String> environment) {
        return ConfigReader.read(file, environment, CACHE);
    }

    private static LeaderElectionSettings valid(Map<String, String> file, Map<String, String> environment) {
        Either<List<String>, OperatorConfig> read = read(file, environment);
        assertThat(read.isRight()).as("read: %s", read).isTrue();
        return read.get().leaderElection();
    }

    private static List<String> problems(Map<String, String> file, Map<String, String> environment) {
        Either<List<String>, OperatorConfig> read = read(file, environment);
        assertThat(read.isLeft()).as("refused: %s", read).isTrue();
        return read.getLeft();
    }

    private static Map<String, String> enabled(String... more) {
        Map<String, String> file = new LinkedHashMap<>();
        file.put(OperatorKeys.LEADER_ELECTION_ENABLED, "true");
        file.put(OperatorKeys.LEADER_ELECTION_LEASE_NAME, "flinkop-leader");
        for (int i = 0; i + 1 < more.length; i += 2) {
            file.put(more[i], more[i + 1]);
        }
        return file;
    }

    @Test
    void off_by_default_as_in_the_apache_operator() {
        assertThat(valid(Map.of(), Map.of())).isEqualTo(LeaderElectionSettings.disabled());
        assertThat(valid(Map.of(OperatorKeys.LEADER_ELECTION_ENABLED, "false"), Map.of()).enabled()).isFalse();
    }

    @Test
    void on_with_a_lease_name_takes_the_apache_operators_timing_and_the_pods_name() {
        LeaderElectionSettings settings = valid(enabled(), Map.of("POD_NAME", "flinkop-operator-7d9f-abcde", "HOSTNAME", "host"));

        assertThat(settings).isEqualTo(new LeaderElectionSettings(true, "flinkop-leader", Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofSeconds(2), "flinkop-operator-7d9f-abcde"));
        assertThat(valid(enabled(), Map.of("HOSTNAME", "host")).podName()).as("HOSTNAME without POD_NAME").isEqualTo("host");
        assertThat(valid(enabled(), Map.of()).podName()).isEqualTo("flinkop-operator");
    }

    @Test
    void every_key_is_read_from_the_file_and_the_environment_wins() {
        LeaderElectionSettings settings = valid(enabled(OperatorKeys.LEADER_ELECTION_LEASE_DURATION, "4 s", OperatorKeys.LEADER_ELECTION_RENEW_DEADLINE, "3 s",
                OperatorKeys.LEADER_ELECTION_RETRY_PERIOD, "500 ms"), Map.of("KUBERNETES_OPERATOR_LEADER_ELECTION_LEASE_NAME", "from-env"));

        assertThat(settings.leaseName()).isEqualTo("from-env");
        assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.renewDeadline()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.retryPeriod()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void on_without_a_lease_name_is_refused_naming_the_key() {
        Map<String, String> file = enabled();
        file.remove(OperatorKeys.LEADER_ELECTION_LEASE_NAME);

        assertThat(problems(file, Map.of())).singleElement().asString()
                .startsWith("kubernetes.operator.leader-election.lease-name: is required when kubernetes.operator.leader-election.enabled is true");
    }

    @Test
    void a_renew_deadline_not_shorter_than_the_lease_is_refused_naming_the_key() {
        assertThat(problems(enabled(OperatorKeys.LEADER_ELECTION_LEASE_DURATION, "10 s"), Map.of())).singleElement().asString()
                .startsWith("kubernetes.operator.leader-election.renew-deadline: is 10 s, not shorter than kubernetes.operator.leader-election.lease-duration (10 s)");
    }

    @Test
    void a_retry_period_not_shorter_than_the_renew_deadline_is_refused_naming_the_key() {
        assertThat(problems(enabled(OperatorKeys.LEADER_ELECTION_RETRY_PERIOD, "10 s"), Map.of())).singleElement().asString()
                .startsWith("kubernetes.operator.leader-election.retry-period: is 10 s, not shorter than kubernetes.operator.leader-election.renew-deadline (10 s)");
    }

    @Test
    void bad_values_are_refused_each_with_its_key_and_what_is_allowed() {
        List<String> problems = problems(Map.of(OperatorKeys.LEADER_ELECTION_ENABLED, "yes", OperatorKeys.LEADER_ELECTION_LEASE_NAME, "Flinkop_Leader",
                OperatorKeys.LEADER_ELECTION_LEASE_DURATION, "soon"), Map.of("KUBERNETES_OPERATOR_LEADER_ELECTION_RETRY_PERIOD", "0 s"));

        assertThat(problems).hasSize(4);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("kubernetes.operator.leader-election.enabled: 'yes' is not valid (allowed: true or false)"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("kubernetes.operator.leader-election.lease-name: 'Flinkop_Leader' is not valid")
                .contains("the name of a Lease"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("kubernetes.operator.leader-election.lease-duration: 'soon' is not valid"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(
                "kubernetes.operator.leader-election.retry-period (environment variable KUBERNETES_OPERATOR_LEADER_ELECTION_RETRY_PERIOD): '0 s' is not valid"));
    }

    @Test
    void a_lease_shorter_than_a_second_is_refused() {
        assertThat(problems(enabled(OperatorKeys.LEADER_ELECTION_LEASE_DURATION, "800 ms", OperatorKeys.LEADER_ELECTION_RENEW_DEADLINE, "500 ms",
                OperatorKeys.LEADER_ELECTION_RETRY_PERIOD, "100 ms"), Map.of())).singleElement().asString()
                .startsWith("kubernetes.operator.leader-election.lease-duration: is 800 ms, shorter than a second");
    }
}
