package org.flinkop.runtime.operator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every byte the operator logs, kept for assertions and written to a file under target/ for reading after a failure. */
final class CapturedLog extends OutputStream {

    private final OutputStream file;
    private final StringBuilder text = new StringBuilder();

    CapturedLog(Path file) {
        try {
            Files.createDirectories(file.getParent());
            this.file = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PrintStream printStream() {
        return new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        file.write(b);
        text.append((char) b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        file.write(b, off, len);
        text.append(new String(b, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void flush() throws IOException {
        file.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }

    synchronized String text() {
        return text.toString();
    }

    synchronized List<String> lines() {
        return new ArrayList<>(List.of(text.toString().split("\n")));
    }
}
