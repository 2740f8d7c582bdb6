package org.flinkop.adapters.flink.rest.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A socket's input where every read waits at most the read timeout, and never past the fetch's deadline, so a
 * server that sends slowly cannot hold a fetch longer than configured.
 */
final class TimedInputStream extends FilterInputStream {

    private final Socket socket;
    private final Duration readTimeout;
    private final FetchDeadline deadline;
    /** Whether the wait now armed ends at the fetch's deadline rather than after the read timeout. */
    private boolean waitEndsAtDeadline;

    TimedInputStream(Socket socket, Duration readTimeout, FetchDeadline deadline) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
        this.readTimeout = readTimeout;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        arm();
        try {
            return super.read();
        } catch (SocketTimeoutException e) {
            throw timeout();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        arm();
        try {
            return super.read(buffer, offset, length);
        } catch (SocketTimeoutException e) {
            throw timeout();
        }
    }

    private void arm() throws IOException {
        if (deadline.passed()) {
            throw deadline.exceeded();
        }
        waitEndsAtDeadline = deadline.remaining().compareTo(readTimeout) < 0;
        socket.setSoTimeout(deadline.waitMillis(readTimeout));
    }

    private FetchTimeoutException timeout() {
        return waitEndsAtDeadline || deadline.passed() ? deadline.exceeded()
                : new FetchTimeoutException("no data for " + readTimeout.toMillis() + " ms (" + ArtifactConfiguration.READ_TIMEOUT + ")");
    }
}
