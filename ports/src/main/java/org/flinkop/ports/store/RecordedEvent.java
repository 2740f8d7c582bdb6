package org.flinkop.ports.store;

import java.time.Instant;
import org.flinkop.domain.decision.Action.EventType;
import org.flinkop.domain.decision.EventReason;

/** An event about a resource, as users read it (a Kubernetes Event, a line of {@code flinkctl describe}). */
public record RecordedEvent(Instant at, EventReason reason, EventType type, String message) {
}
