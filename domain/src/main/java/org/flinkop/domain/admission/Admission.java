package org.flinkop.domain.admission;

import io.vavr.collection.List;
import io.vavr.control.Either;
import org.flinkop.domain.binding.Bound;
import org.flinkop.domain.binding.ResourceBinding;
import org.flinkop.domain.resource.FlinkResource;
import org.flinkop.domain.validation.ResourceValidator;
import org.flinkop.domain.validation.ValidationContext;
import org.flinkop.domain.validation.Violation;

/**
 * Whether a document may be applied: it is read ({@link ResourceBinding}) and validated
 * ({@link ResourceValidator}), and every violation of both is returned together. Where reading a field already
 * failed, the validator's view of the same field (which sees it as absent) is left out, so each field is
 * reported once, for its real problem. Every runtime admits through this one function, so the command line,
 * the embedding API and the Kubernetes webhook refuse the same documents with the same messages.
 */
public final class Admission {

    private Admission() {
    }

    public static Either<List<Violation>, FlinkResource> admit(Object document, ValidationContext context) {
        Bound bound = ResourceBinding.decode(document);
        if (bound.resource().isEmpty()) {
            return Either.left(bound.violations());
        }
        List<Violation> unreadable = bound.violations();
        List<Violation> semantic = ResourceValidator.validate(bound.resource().get(), context)
                .filter(v -> unreadable.forAll(u -> !covers(u.path(), v.path())));
        List<Violation> all = unreadable.appendAll(semantic);
        return all.isEmpty() ? Either.right(bound.resource().get()) : Either.left(all);
    }

    private static boolean covers(String unreadable, String reported) {
        return reported.equals(unreadable)
                || reported.startsWith(unreadable + ".")
                || reported.startsWith(unreadable + "[");
    }
}
