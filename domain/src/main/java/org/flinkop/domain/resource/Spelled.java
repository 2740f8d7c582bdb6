package org.flinkop.domain.resource;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * A value with the exact spelling users write in YAML ({@code last-state}, {@code v1_20}, {@code READY}).
 * The Java constant name is an implementation detail; the spelling is the contract.
 */
public interface Spelled {

    String spelling();

    /** The constant of {@code type} spelled exactly {@code text}; matching is case-sensitive, as Kubernetes is. */
    static <E extends Enum<E> & Spelled> Option<E> parse(Class<E> type, String text) {
        return List.of(type.getEnumConstants()).find(e -> e.spelling().equals(text));
    }

    /** Every spelling of {@code type}, in declaration order, for error messages and schemas. */
    static <E extends Enum<E> & Spelled> List<String> spellings(Class<E> type) {
        return List.of(type.getEnumConstants()).map(Spelled::spelling);
    }
}
