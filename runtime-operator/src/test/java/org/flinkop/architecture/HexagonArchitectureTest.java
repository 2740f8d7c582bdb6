package org.flinkop.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The production classes of every module keep the walls of the hexagon. */
class HexagonArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.flinkop");
    }

    static Stream<ArchRule> rules() {
        return new HexagonRules("org.flinkop").all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void production_code_keeps_the_rule(ArchRule rule) {
        rule.check(production);
    }

    @Test
    void every_module_with_code_is_on_the_classpath_of_this_check() {
        assertThat(production.stream().map(c -> c.getPackageName()))
                .anyMatch(p -> p.startsWith("org.flinkop.domain"))
                .anyMatch(p -> p.startsWith("org.flinkop.ports"))
                .anyMatch(p -> p.startsWith("org.flinkop.adapters.kubernetes"))
                .anyMatch(p -> p.startsWith("org.flinkop.adapters.flink"))
                .anyMatch(p -> p.startsWith("org.flinkop.runtime.embedded"))
                .anyMatch(p -> p.startsWith("org.flinkop.runtime.operator"))
                .noneMatch(p -> p.startsWith("org.flinkop.architecture"));
    }
}
