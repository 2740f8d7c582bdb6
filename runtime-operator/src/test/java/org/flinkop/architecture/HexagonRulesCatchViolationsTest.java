package org.flinkop.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule, run over a small code base of deliberate violations ({@code org.flinkop.archfixture}), fails and
 * names the offending class; and each rule fails when there is nothing for it to check.
 */
class HexagonRulesCatchViolationsTest {

    private static final HexagonRules FIXTURE_RULES = new HexagonRules("org.flinkop.archfixture");
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("org.flinkop.archfixture");
    private static final JavaClasses NOTHING = new ClassFileImporter().importPackages("org.flinkop.archfixture.none");

    static Stream<Arguments> violations() {
        return Stream.of(
                row(HexagonRules::domainDependsOnlyOnJdkAndVavr, "archfixture.domain.KubernetesAwareModel"),
                row(HexagonRules::domainDoesNoIo, "archfixture.domain.FileReadingPolicy"),
                row(HexagonRules::portsDependOnlyOnDomain, "archfixture.ports.InjectedPort"),
                row(HexagonRules::fabric8OnlyInKubernetesAdapterAndOperator, "archfixture.runtime.embedded.Fabric8InEmbeddedRuntime"),
                row(HexagonRules::flinkOnlyInFlinkAdapterAndEmbeddedRuntime, "archfixture.testkit.FlinkInTestkit"),
                row(HexagonRules::kubernetesAdapterDoesNotSeeFlinkAdapter, "archfixture.adapters.kubernetes.SeesFlinkAdapter"),
                row(HexagonRules::flinkAdapterDoesNotSeeKubernetesAdapter, "archfixture.adapters.flink.SeesKubernetesAdapter"),
                row(HexagonRules::guiceOnlyInRuntimesAndModules, "archfixture.adapters.kubernetes.WiresItself"),
                row(HexagonRules::domainAndPortsDoNotReadTheClock, "archfixture.domain.ClockReadingDecision"),
                row(HexagonRules::domainAndPortsDoNotReadTheClock, "archfixture.ports.MillisPort"),
                row(HexagonRules::kubernetesModelsDoNotCallTheApi, "archfixture.adapters.kubernetes.ApiCallingModel"),
                row(HexagonRules::operatorRuntimeDoesNotSeeEmbeddedRuntime, "archfixture.runtime.operator.SeesEmbeddedRuntime"),
                row(HexagonRules::clusterPlanOnlyReads, "archfixture.runtime.operator.plan.StoringPlan"),
                row(HexagonRules::clusterPlanOnlyReads, "archfixture.runtime.operator.plan.DeployingPlan"),
                row(HexagonRules::webhookCertificatesUseOnlyTheJdk, "archfixture.runtime.operator.webhook.tls.SecretAwareCertificate"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("violations")
    void the_rule_fails_and_names_the_violating_class(Function<HexagonRules, ArchRule> rule, String offender) {
        assertThatThrownBy(() -> rule.apply(FIXTURE_RULES).check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(offender);
    }

    static Stream<ArchRule> rules() {
        return FIXTURE_RULES.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void a_rule_that_matches_nothing_fails(ArchRule rule) {
        assertThatThrownBy(() -> rule.check(NOTHING)).isInstanceOf(AssertionError.class).hasMessageContaining("failed to check any classes");
    }

    private static Arguments row(Function<HexagonRules, ArchRule> rule, String offender) {
        return Arguments.of(rule, offender);
    }
}
