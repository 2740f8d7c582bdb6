package org.flinkop.adapters.flink.rest.artifact;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET, over a socket to an address the caller chose and checked: the host name is never resolved
 * here, so what was checked is what is connected to. For https the certificate is verified against the URI's host
 * (and the host is sent as SNI). The answer's head is read on opening; its body is read from {@link #body()}.
 * Written by hand because the JDK's HTTP clients resolve host names themselves.
 */
final class HttpGet implements Closeable {

    private static final int MAX_HEADERS = 100;

    private final Socket socket;
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;

    private HttpGet(Socket socket, int status, Map<String, String> headers, InputStream body) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** Connects to the first of {@code addresses} that answers, sends the request and reads the answer's head. */
    static HttpGet open(URI uri, List<InetAddress> addresses, Map<String, String> extraHeaders, SSLSocketFactory tls, ArtifactSettings settings,
            FetchDeadline deadline) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        Socket socket = connect(uri.getHost(), addresses, port, settings, deadline);
        try {
            if (https) {
                socket = secure(socket, uri.getHost(), port, tls, settings, deadline);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request(uri, port, https, extraHeaders).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(new TimedInputStream(socket, settings.readTimeout(), deadline));
            return read(socket, in);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    int status() {
        return status;
    }

    /** A header of the answer, by its case-insensitive name. */
    Option<String> header(String name) {
        return Option.of(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The answer's body, framed by its length, its chunks, or the end of the connection. */
    InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static Socket connect(String host, List<InetAddress> addresses, int port, ArtifactSettings settings, FetchDeadline deadline) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            if (deadline.passed()) {
                throw deadline.exceeded();
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), deadline.waitMillis(settings.connectTimeout()));
                return socket;
            } catch (SocketTimeoutException e) {
                socket.close();
                last = new FetchTimeoutException("no connection to " + address.getHostAddress() + " port " + port + " (host " + host + ") within "
                        + settings.connectTimeout().toMillis() + " ms (" + ArtifactConfiguration.CONNECT_TIMEOUT + ")");
            } catch (IOException e) {
                socket.close();
                last = new IOException("cannot connect to " + address.getHostAddress() + " port " + port + " (host " + host + "): " + e.getMessage(), e);
            }
        }
        throw last == null ? new IOException("host " + host + " has no address") : last;
    }

    private static Socket secure(Socket plain, String host, int port, SSLSocketFactory tls, ArtifactSettings settings, FetchDeadline deadline)
            throws IOException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, name, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(deadline.waitMillis(settings.readTimeout()));
        try {
            socket.startHandshake();
        } catch (SocketTimeoutException e) {
            throw new FetchTimeoutException("no TLS handshake with host " + host + " within " + settings.readTimeout().toMillis() + " ms ("
                    + ArtifactConfiguration.READ_TIMEOUT + ")");
        }
        return socket;
    }

    private static String request(URI uri, int port, boolean https, Map<String, String> extraHeaders) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        boolean defaultPort = port == (https ? 443 : 80);
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(defaultPort ? host : host + ":" + port).append("\r\n")
                .append("User-Agent: flinkop-artifacts\r\n")
                .append("Accept: */*\r\n")
                .append("Accept-Encoding: identity\r\n")
                .append("Connection: close\r\n");
        extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        return request.append("\r\n").toString();
    }

    private static HttpGet read(Socket socket, InputStream in) throws IOException {
        while (true) {
            String statusLine = HttpLines.read(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x answer: " + statusLine);
            }
            int status = parseStatus(parts[1], statusLine);
            Map<String, String> headers = headers(in);
            if (status >= 100 && status < 200) {
                continue;
            }
            return new HttpGet(socket, status, headers, body(status, headers, in));
        }
    }

    private static int parseStatus(String code, String statusLine) throws IOException {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        for (int i = 0; i <= MAX_HEADERS; i++) {
            String line = HttpLines.read(in);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        throw new IOException("an HTTP answer with more than " + MAX_HEADERS + " headers");
    }

    private static InputStream body(int status, Map<String, String> headers, InputStream in) throws IOException {
        if (status == 204 || status == 304) {
            return InputStream.nullInputStream();
        }
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            return new ChunkedInputStream(in);
        }
        String length = headers.get("content-length");
        if (length == null) {
            return in;
        }
        try {
            return new Exactly(in, Long.parseLong(length.trim()));
        } catch (NumberFormatException e) {
            throw new IOException("not a Content-Length: " + length);
        }
    }

    /** A body of a known length: it ends there, and a connection closed before is an error, not a short jar. */
    private static final class Exactly extends FilterInputStream {

        private long remaining;

        Exactly(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n == -1) {
                throw new EOFException("the connection closed " + remaining + " bytes before the end of the body");
            }
            remaining -= n;
            return n;
        }
    }
}
