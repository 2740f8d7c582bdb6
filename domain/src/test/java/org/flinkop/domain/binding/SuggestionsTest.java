package org.flinkop.domain.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final List<String> JOB_FIELDS = List.of("jarURI", "parallelism", "entryClass", "args", "state", "upgradeMode",
            "initialSavepointPath", "allowNonRestoredState", "savepointRedeployNonce");

    @ParameterizedTest
    @CsvSource({"paralelism,parallelism", "parallism,parallelism", "jarUri,jarURI", "upgrademode,upgradeMode", "entryclass,entryClass",
            "intialSavepointPath,initialSavepointPath", "satte,state"})
    void a_typo_finds_the_field_it_was_meant_to_be(String typo, String meant) {
        assertThat(Suggestions.nearest(typo, JOB_FIELDS)).contains(meant);
    }

    @Test
    void an_unrelated_name_suggests_nothing() {
        assertThat(Suggestions.nearest("replicas", JOB_FIELDS)).isEmpty();
        assertThat(Suggestions.nearest("x", JOB_FIELDS)).isEmpty();
    }

    @Test
    void a_transposition_is_one_edit() {
        assertThat(Suggestions.distance("stetas", "states")).isEqualTo(2);
        assertThat(Suggestions.distance("satte", "state")).isEqualTo(1);
    }
}
