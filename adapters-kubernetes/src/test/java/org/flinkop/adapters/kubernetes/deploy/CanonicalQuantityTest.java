package org.flinkop.adapters.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quantities in the form the API server stores them, so that applying the same Deployment twice writes nothing the second time. */
class CanonicalQuantityTest {

    @ParameterizedTest(name = "{0} MiB is {1}")
    @CsvSource({"2048,2Gi", "1600,1600Mi", "1536,1536Mi", "1048576,1Ti", "1,1Mi", "3072,3Gi"})
    void memory_takes_the_largest_binary_unit_with_a_whole_number(long mib, String canonical) {
        assertThat(CanonicalQuantity.mebibytes(mib)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"1,1", "2.0,2", "0.5,500m", "1.5,1500m", "0.25,250m", "1000,1k", "0.0001,100u"})
    void numbers_take_the_largest_decimal_unit_with_a_whole_number(String value, String canonical) {
        assertThat(CanonicalQuantity.decimal(new BigDecimal(value))).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"1Gi,1Gi", "1024Mi,1Gi", "1.5Gi,1536Mi", "2G,2G", "500M,500M", "1500M,1500M", "2e9,2G", "1000,1k"})
    void a_users_quantity_keeps_binary_or_decimal_units(String quantity, String canonical) {
        assertThat(CanonicalQuantity.of(quantity)).isEqualTo(canonical);
    }
}
