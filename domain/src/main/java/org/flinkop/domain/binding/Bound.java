package org.flinkop.domain.binding;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.validation.Violation;

/**
 * The result of reading a document: the resource as far as it could be read, what was wrong with the document
 * (unknown fields, wrong types, unknown enum spellings, missing kind), and what was wrong with its status.
 * Status problems are warnings: a status is the operator's own record and never a reason to refuse a spec.
 *
 * @param resource       present when the kind was recognised, even if some fields could not be read
 * @param violations     problems with the document outside {@code status}
 * @param statusWarnings problems within {@code status}
 */
public record Bound(Option<FlinkResource> resource, List<Violation> violations, List<Violation> statusWarnings) {

    public boolean isClean() {
        return violations.isEmpty() && resource.isDefined();
    }
}
