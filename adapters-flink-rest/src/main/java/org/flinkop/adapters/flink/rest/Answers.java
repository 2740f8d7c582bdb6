package org.flinkop.adapters.flink.rest;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.Function;
import org.flinkop.domain.observe.TriggerResult;
import org.flinkop.ports.Done;

/** What a Flink answer means to the port: done, absent, or unknown, where Flink's failure says so. */
final class Answers {

    private Answers() {
    }

    static <T> Either<RestFailure, Done> done(Either<RestFailure, T> answer) {
        return answer.map(ignored -> Done.DONE);
    }

    /** A 404 is none. */
    static <T> Either<RestFailure, Option<T>> orNoneIfMissing(Either<RestFailure, T> answer) {
        return recover(answer.map(Option::some), failure -> failure.is(RestFailure.NOT_FOUND) ? Either.right(Option.none()) : Either.left(failure));
    }

    /** A 404 is a trigger the cluster does not know. */
    static Either<RestFailure, TriggerResult> unknownIfMissing(Either<RestFailure, TriggerResult> answer) {
        return recover(answer, failure -> failure.is(RestFailure.NOT_FOUND) ? Either.right(new TriggerResult.Unknown()) : Either.left(failure));
    }

    static <T> Either<RestFailure, T> recover(Either<RestFailure, T> answer, Function<RestFailure, Either<RestFailure, T>> onFailure) {
        return answer.isRight() ? answer : onFailure.apply(answer.getLeft());
    }
}
