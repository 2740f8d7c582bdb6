package org.flinkop.adapters.flink.rest.artifact;

import java.net.SocketTimeoutException;

/** A fetch waited longer than a configured timeout; the message names the setting. */
final class FetchTimeoutException extends SocketTimeoutException {

    private static final long serialVersionUID = 1L;

    FetchTimeoutException(String message) {
        super(message);
    }
}
