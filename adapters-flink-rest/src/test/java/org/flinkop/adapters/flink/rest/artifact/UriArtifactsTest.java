package org.flinkop.adapters.flink.rest.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flinkop.ports.PortFailure;
import org.flinkop.ports.PortFailure.Reason;
import org.flinkop.ports.artifact.Artifact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher's rules over plain http from a JDK server on 127.0.0.1. Host names other than address literals are
 * resolved from a fixed table, so nothing is looked up and nothing but 127.0.0.1 is connected to.
 */
class UriArtifactsTest {

    private static final byte[] JAR = TestJars.jar("job", 10_000);

    private JarServer server;
    private Path work;

    @BeforeEach
    void start() throws IOException {
        server = JarServer.http();
        work = TestJars.directory("fetch");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ArtifactSettings httpOnLoopback() {
        return ArtifactSettings.defaults(work.resolve("cache")).withPlainHttp(true).allowing(AddressKind.LOOPBACK);
    }

    private UriArtifacts artifacts(ArtifactSettings settings) {
        return new UriArtifacts(settings, UriArtifactsTest::resolve);
    }

    @Test
    void a_jar_is_fetched_into_the_cache_by_its_content_hash() throws IOException {
        server.serve("/job.jar", JAR, false);

        Artifact artifact = artifacts(httpOnLoopback()).fetch(server.uri("/job.jar")).get();

        assertThat(artifact.sha256()).isEqualTo(TestJars.sha256(JAR));
        assertThat(artifact.size()).isEqualTo(JAR.length);
        assertThat(Path.of(artifact.localPath())).startsWith(work.resolve("cache")).hasBinaryContent(JAR);
    }

    @Test
    void a_chunked_answer_is_read_whole() {
        server.serve("/chunked.jar", JAR, true);

        assertThat(artifacts(httpOnLoopback()).fetch(server.uri("/chunked.jar")).get().sha256()).isEqualTo(TestJars.sha256(JAR));
    }

    @Test
    void loopback_is_refused_by_default_without_connecting() {
        server.serve("/job.jar", JAR, false);

        PortFailure refused = artifacts(ArtifactSettings.defaults(work).withPlainHttp(true)).fetch(server.uri("/job.jar")).getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).isEqualTo("address 127.0.0.1 of host 127.0.0.1 is loopback; allowed: public addresses unless "
                + "artifacts.allow-loopback-addresses is set");
        assertThat(server.requests()).isZero();
    }

    @Test
    void a_host_with_one_private_address_among_allowed_ones_is_refused_without_connecting() {
        server.serve("/job.jar", JAR, false);

        PortFailure refused = artifacts(httpOnLoopback()).fetch(URI.create("http://mixed.test:" + server.port() + "/job.jar")).getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).isEqualTo("address 10.0.0.4 of host mixed.test is private; allowed: public addresses unless "
                + "artifacts.allow-private-addresses is set");
        assertThat(server.requests()).isZero();
    }

    @Test
    void plain_http_is_refused_unless_allowed() {
        server.serve("/job.jar", JAR, false);

        PortFailure refused = artifacts(ArtifactSettings.defaults(work).allowing(AddressKind.LOOPBACK)).fetch(server.uri("/job.jar")).getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).contains("scheme 'http'").contains("artifacts.allow-http");
        assertThat(server.requests()).isZero();
    }

    @Test
    void a_jar_announced_over_the_size_limit_is_refused_unread() {
        server.serve("/big.jar", JAR, false);

        PortFailure refused = artifacts(httpOnLoopback().withMaxBytes(1000)).fetch(server.uri("/big.jar")).getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).contains("10000 bytes, larger than the limit of 1000 bytes").contains("artifacts.max-bytes");
    }

    @Test
    void a_body_of_unannounced_size_is_read_only_up_to_the_limit() throws InterruptedException {
        long endless = 256L << 20;
        AtomicLong written = new AtomicLong();
        CountDownLatch serverDone = new CountDownLatch(1);
        server.handle("/endless.jar", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                while (written.get() < endless) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // the fetcher stopped reading and closed the connection
            } finally {
                serverDone.countDown();
            }
        });

        PortFailure refused = artifacts(httpOnLoopback().withMaxBytes(100_000)).fetch(server.uri("/endless.jar")).getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).contains("larger than the limit of 100000 bytes (reading stopped there)").contains("artifacts.max-bytes");
        assertThat(serverDone.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(written.get()).isLessThan(endless);
        assertThat(work.resolve("cache").resolve("partial")).isEmptyDirectory();
    }

    @Test
    void a_redirect_is_followed_and_checked_again_so_one_to_a_refused_address_is_refused() {
        server.serve("/real.jar", JAR, false)
                .redirect("/moved.jar", 302, "/real.jar")
                .redirect("/to-private.jar", 302, "http://mixed.test:" + server.port() + "/real.jar")
                .redirect("/to-metadata.jar", 307, "http://metadata.google.internal/computeMetadata/v1/")
                .redirect("/to-file.jar", 301, "file:///etc/passwd");
        UriArtifacts artifacts = artifacts(httpOnLoopback());

        assertThat(artifacts.fetch(server.uri("/moved.jar")).get().sha256()).isEqualTo(TestJars.sha256(JAR));
        PortFailure toPrivate = artifacts.fetch(server.uri("/to-private.jar")).getLeft();
        assertThat(toPrivate.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(toPrivate.message()).contains("address 10.0.0.4 of host mixed.test is private");
        assertThat(artifacts.fetch(server.uri("/to-metadata.jar")).getLeft().message()).contains("host metadata.google.internal is a cloud metadata address");
        assertThat(artifacts.fetch(server.uri("/to-file.jar")).getLeft().message()).contains("a redirect to file:///etc/passwd is not followed");
        assertThat(server.requests("/real.jar")).isEqualTo(1);
    }

    @Test
    void redirects_are_followed_up_to_the_configured_count() {
        server.serve("/real.jar", JAR, false).redirect("/a", 302, "/b").redirect("/b", 302, "/real.jar").redirect("/loop", 302, "/loop");

        assertThat(artifacts(httpOnLoopback().withMaxRedirects(2)).fetch(server.uri("/a")).isRight()).isTrue();
        PortFailure refused = artifacts(httpOnLoopback().withMaxRedirects(1)).fetch(server.uri("/a")).getLeft();
        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).contains("redirects more than 1 times").contains("artifacts.max-redirects");
        assertThat(artifacts(httpOnLoopback()).fetch(server.uri("/loop")).getLeft().message()).contains("redirects more than 5 times");
        assertThat(server.requests("/loop")).isEqualTo(6);
    }

    @Test
    void server_errors_are_unavailable_and_refusals_rejected_with_the_status() {
        server.status("/broken.jar", 500).status("/busy.jar", 503).status("/secret.jar", 403).status("/gone.jar", 410);
        UriArtifacts artifacts = artifacts(httpOnLoopback());

        assertThat(artifacts.fetch(server.uri("/broken.jar")).getLeft()).matches(f -> f.reason() == Reason.UNAVAILABLE && f.message().contains("HTTP 500"));
        assertThat(artifacts.fetch(server.uri("/busy.jar")).getLeft()).matches(f -> f.reason() == Reason.UNAVAILABLE && f.message().contains("HTTP 503"));
        assertThat(artifacts.fetch(server.uri("/secret.jar")).getLeft()).matches(f -> f.reason() == Reason.REJECTED && f.message().contains("HTTP 403"));
        assertThat(artifacts.fetch(server.uri("/gone.jar")).getLeft()).matches(f -> f.reason() == Reason.NOT_FOUND && f.message().contains("HTTP 410"));
        assertThat(artifacts.fetch(server.uri("/nothing.jar")).getLeft()).matches(f -> f.reason() == Reason.NOT_FOUND && f.message().contains("HTTP 404"));
    }

    @Test
    void a_server_that_accepts_and_stays_silent_is_a_timeout_naming_the_setting() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ArtifactSettings settings = httpOnLoopback().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(30));

            PortFailure failure = artifacts(settings).fetch(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/job.jar")).getLeft();

            assertThat(failure.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(failure.message()).contains("artifacts.read-timeout");
        }
    }

    @Test
    void a_fetch_that_outlasts_the_whole_fetch_timeout_is_a_timeout_naming_that_setting() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ArtifactSettings settings = httpOnLoopback().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(300));

            PortFailure failure = artifacts(settings).fetch(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/job.jar")).getLeft();

            assertThat(failure.reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(failure.message()).contains("artifacts.fetch-timeout");
        }
    }

    @Test
    void a_closed_port_is_unavailable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        assertThat(artifacts(httpOnLoopback()).fetch(URI.create("http://127.0.0.1:" + closed + "/job.jar")).getLeft().reason())
                .isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void fetching_a_uri_again_asks_whether_it_changed_and_does_not_download_it_again() {
        server.serveWithEtag("/tagged.jar", JAR, "\"v1\"");
        UriArtifacts artifacts = artifacts(httpOnLoopback());

        Artifact first = artifacts.fetch(server.uri("/tagged.jar")).get();
        Artifact second = new UriArtifacts(httpOnLoopback(), UriArtifactsTest::resolve).fetch(server.uri("/tagged.jar")).get();

        assertThat(second).isEqualTo(first);
        assertThat(server.requests("/tagged.jar")).isEqualTo(2);
        assertThat(server.bodies("/tagged.jar")).isEqualTo(1);
    }

    @Test
    void the_same_bytes_from_two_addresses_are_one_file() throws IOException {
        server.serve("/a/job.jar", JAR, false).serve("/b/job.jar", JAR, true);
        UriArtifacts artifacts = artifacts(httpOnLoopback());

        Artifact a = artifacts.fetch(server.uri("/a/job.jar")).get();
        Artifact b = artifacts.fetch(server.uri("/b/job.jar")).get();

        assertThat(b).isEqualTo(a);
        try (var files = Files.list(work.resolve("cache").resolve("sha256"))) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void local_and_file_paths_are_read_and_a_missing_one_is_not_found() throws IOException {
        Path jar = Files.write(work.resolve("job.jar"), JAR);
        UriArtifacts artifacts = artifacts(ArtifactSettings.defaults(work.resolve("cache")));

        assertThat(artifacts.fetch(jar.toUri()).get().sha256()).isEqualTo(TestJars.sha256(JAR));
        assertThat(artifacts.fetch(URI.create("local://" + jar)).get().sha256()).isEqualTo(TestJars.sha256(JAR));
        assertThat(artifacts.fetch(work.resolve("missing.jar").toUri()).getLeft().reason()).isEqualTo(Reason.NOT_FOUND);
        assertThat(artifacts.fetch(work.toUri()).getLeft()).matches(f -> f.reason() == Reason.REJECTED && f.message().contains("not a file"));
        assertThat(artifacts.fetch(URI.create("file://server/share/job.jar")).getLeft().reason()).isEqualTo(Reason.REJECTED);
    }

    @Test
    void a_local_file_over_the_size_limit_is_refused() throws IOException {
        Path jar = Files.write(work.resolve("job.jar"), JAR);

        PortFailure refused = artifacts(ArtifactSettings.defaults(work.resolve("cache")).withMaxBytes(100)).fetch(jar.toUri()).getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).contains("limit of 100 bytes").contains("artifacts.max-bytes");
    }

    @Test
    void unknown_schemes_are_refused_naming_the_allowed_ones() {
        PortFailure refused = artifacts(httpOnLoopback()).fetch(URI.create("s3://bucket/job.jar")).getLeft();

        assertThat(refused.reason()).isEqualTo(Reason.FORBIDDEN);
        assertThat(refused.message()).isEqualTo("scheme 's3' of jarURI s3://bucket/job.jar is not allowed; allowed: local, file, https, http");
    }

    /** mixed.test has an allowed (loopback) and a private address; address literals are themselves; no other name resolves. */
    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        if (host.equals("mixed.test")) {
            return List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("10.0.0.4"));
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return List.of(InetAddress.getByName(host));
        }
        throw new UnknownHostException(host);
    }
}
