package org.flinkop.adapters.flink.rest.artifact;

import java.io.IOException;

/** A jar is larger than the configured limit; reading it stopped there. */
final class TooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
        super(message);
    }
}
