package org.flinkop.runtime.embedded.cli;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.resource.ResourceKey;
import org.flinkop.domain.resource.ResourceKind;
import org.flinkop.ports.Done;
import org.flinkop.ports.api.OperatorApi.Refusal;
import org.flinkop.ports.store.RecordedEvent;

/**
 * What a command asks of the operator of a work directory. Every command is written once against this: the
 * operator may be one the command opened itself ({@link LocalAccess}), or the one {@code flinkctl run} runs on the
 * directory, reached over its loopback HTTP API ({@link RemoteAccess}), with the same answers either way.
 *
 * <p>Every method returns the operator's answer as a value; an operator that cannot be reached at all (a
 * {@code run} that stopped mid-command) is an {@link java.io.UncheckedIOException} whose message is for the user.
 * {@link #close()} closes what the command opened; it never stops a {@code run}.
 */
interface OperatorAccess extends AutoCloseable {

    /** What a plan says: the resource it is for, and each step as one line. */
    record Planned(ResourceKey key, java.util.List<String> steps) {
    }

    /** Admits the document and stores it (see {@code OperatorApi.apply}). */
    Either<Refusal, FlinkResource> apply(Object document);

    /** What applying the document would do, step by step, changing nothing. */
    Either<Refusal, Planned> plan(Object document);

    Option<FlinkResource> get(ResourceKey key);

    List<FlinkResource> list(ResourceKind kind);

    /** Asks for deletion; the operator cleans up before the resource goes. */
    Either<Refusal, Done> delete(ResourceKey key);

    /** The recent events about a resource, oldest first. */
    List<RecordedEvent> events(ResourceKey key);

    @Override
    void close() throws Exception;
}
