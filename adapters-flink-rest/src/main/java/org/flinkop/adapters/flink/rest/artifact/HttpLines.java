package org.flinkop.adapters.flink.rest.artifact;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Lines of an HTTP/1.1 message head or chunk header, bounded in length so a hostile server cannot exhaust memory. */
final class HttpLines {

    static final int MAX_LINE = 8192;

    private HttpLines() {
    }

    /** The next line without its CR LF (a bare LF ends a line too). */
    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("the connection closed inside an HTTP message head");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("an HTTP header line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }
}
