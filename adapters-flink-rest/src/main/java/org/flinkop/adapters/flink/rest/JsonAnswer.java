package org.flinkop.adapters.flink.rest;

import java.util.Objects;
import org.apache.flink.runtime.rest.messages.ResponseBody;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.annotation.JsonCreator;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;

/**
 * A Flink answer kept as its JSON tree, for answers whose shape differs between the Flink versions the client
 * drives: Flink's client maps an answer onto its own version's class, which refuses fields it does not know and
 * requires fields a newer cluster no longer sends. Read leniently by the class that knows the answer.
 */
final class JsonAnswer implements ResponseBody {

    private final JsonNode tree;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    JsonAnswer(JsonNode tree) {
        this.tree = Objects.requireNonNull(tree, "tree");
    }

    JsonNode tree() {
        return tree;
    }
}
