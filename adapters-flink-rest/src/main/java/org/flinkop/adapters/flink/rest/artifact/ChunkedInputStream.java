package org.flinkop.adapters.flink.rest.artifact;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** An HTTP/1.1 body sent with {@code Transfer-Encoding: chunked}, decoded; trailers are read and dropped. */
final class ChunkedInputStream extends InputStream {

    private final InputStream in;
    private long remaining;
    private boolean started;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (done) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        if (remaining == 0 && !nextChunk()) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n == -1) {
            throw new EOFException("the connection closed inside a chunk");
        }
        remaining -= n;
        return n;
    }

    private boolean nextChunk() throws IOException {
        if (started && !HttpLines.read(in).isEmpty()) {
            throw new IOException("a chunk not followed by CR LF");
        }
        started = true;
        String header = HttpLines.read(in);
        int extension = header.indexOf(';');
        String size = (extension == -1 ? header : header.substring(0, extension)).trim();
        try {
            remaining = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("not a chunk size: '" + size + "'");
        }
        if (remaining < 0) {
            throw new IOException("not a chunk size: '" + size + "'");
        }
        if (remaining == 0) {
            while (!HttpLines.read(in).isEmpty()) {
                // trailers carry nothing a jar needs
            }
            done = true;
            return false;
        }
        return true;
    }
}
