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
import org.flinkop.runtime.embedded.api.EmbeddedOperator;

/**
 * An operator in this process: the one a command opened on the work directory, or the one {@code flinkctl run}
 * serves to other commands. Closes the operator only when it owns it.
 */
final class LocalAccess implements OperatorAccess {

    private final EmbeddedOperator operator;
    private final boolean owned;

    LocalAccess(EmbeddedOperator operator, boolean owned) {
        this.operator = operator;
        this.owned = owned;
    }

    @Override
    public Either<Refusal, FlinkResource> apply(Object document) {
        return operator.apply(document);
    }

    @Override
    public Either<Refusal, Planned> plan(Object document) {
        return operator.plan(document).map(plan -> new Planned(ResourceKey.of(plan.proposed()), plan.steps().asJava()));
    }

    @Override
    public Option<FlinkResource> get(ResourceKey key) {
        return operator.get(key);
    }

    @Override
    public List<FlinkResource> list(ResourceKind kind) {
        return operator.list(kind);
    }

    @Override
    public Either<Refusal, Done> delete(ResourceKey key) {
        return operator.delete(key);
    }

    @Override
    public List<RecordedEvent> events(ResourceKey key) {
        return operator.events(key);
    }

    @Override
    public void close() throws Exception {
        if (owned) {
            operator.close();
        }
    }
}
