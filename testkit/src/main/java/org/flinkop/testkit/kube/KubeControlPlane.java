package org.flinkop.testkit.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntSupplier;
import java.security.SecureRandom;

/**
 * A real Kubernetes control plane on loopback: etcd, kube-apiserver (token authentication, RBAC, a self-signed
 * serving certificate) and kube-controller-manager, each a child process of this JVM on free ports of 127.0.0.1,
 * with its data, certificates and logs under one work directory. There is no scheduler and no kubelet: pods stay
 * Pending.
 *
 * <p>{@link #close()} stops every process it started, by its PID, and so does a JVM shutdown hook when a test run
 * ends without closing it. Not thread-safe for starting and stopping; the accessors may be read from any thread.
 */
public final class KubeControlPlane implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final int START_ATTEMPTS = 3;

    private final KubeBinaries binaries;
    private final Path workDir;
    private final IntSupplier ports;
    private final String token;
    private final String tokenWithoutRights;
    private final int etcdPort;
    private final int apiPort;
    private final Readiness readiness;
    private final Thread shutdownHook = new Thread(this::stopAll, "kube-control-plane-stop");
    private ChildProcess etcd;
    private ChildProcess apiServer;
    private ChildProcess controllerManager;

    private KubeControlPlane(KubeBinaries binaries, Path workDir, IntSupplier ports) {
        this.binaries = binaries;
        this.workDir = workDir;
        this.ports = ports;
        this.token = newToken();
        this.tokenWithoutRights = newToken();
        this.etcdPort = ports.getAsInt();
        this.apiPort = ports.getAsInt();
        this.readiness = new Readiness(URI.create("https://127.0.0.1:" + apiPort), token, workDir.resolve("certs/apiserver.crt"));
    }

    /**
     * Starts a control plane in {@code workDir} (emptied first) and returns once the API server is ready.
     *
     * @throws IllegalStateException when the binaries are not built (the message says how to build them) or a
     *                               process does not become ready (the message holds the end of its log)
     */
    public static KubeControlPlane start(Path workDir) {
        return start(workDir, KubeControlPlane::freePort);
    }

    /** As {@link #start(Path)}, each port taken from {@code ports}. */
    static KubeControlPlane start(Path workDir, IntSupplier ports) {
        KubeBinaries binaries = KubeBinaries.find();
        // a port chosen free can be taken by another process before etcd or the API server binds it: start again on new ports
        for (int attempt = 1; ; attempt++) {
            try {
                return start(binaries, workDir, ports);
            } catch (IllegalStateException e) {
                if (attempt == START_ATTEMPTS || !String.valueOf(e.getMessage()).contains("address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static KubeControlPlane start(KubeBinaries binaries, Path workDir, IntSupplier ports) {
        Path dir = workDir.toAbsolutePath();
        WorkFiles.recreate(dir);
        KubeControlPlane plane = new KubeControlPlane(binaries, dir, ports);
        Runtime.getRuntime().addShutdownHook(plane.shutdownHook);
        try {
            ServiceAccountKeys.write(dir.resolve("sa.key"), dir.resolve("sa.pub"));
            WorkFiles.write(dir.resolve("tokens.csv"), plane.token + ",admin,1,system:masters\n" + plane.tokenWithoutRights + ",nobody,2\n");
            plane.startEtcd();
            plane.startApiServer();
            plane.writeKubeconfig();
            plane.startControllerManager();
            return plane;
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    /** The API server's address, {@code https://127.0.0.1:PORT}. */
    public URI apiUrl() {
        return readiness.apiUrl();
    }

    /** A bearer token of a member of {@code system:masters}. */
    public String token() {
        return token;
    }

    /** A bearer token of a user no role is bound to: every request with it is forbidden. */
    public String tokenWithoutRights() {
        return tokenWithoutRights;
    }

    /** A kubeconfig for the API server with that token, trusting the API server's own certificate. */
    public Path kubeconfig() {
        return workDir.resolve("kubeconfig");
    }

    /** The kubectl built from the same sources as the API server. */
    public Path kubectlBinary() {
        return binaries.kubectl();
    }

    public Path workDir() {
        return workDir;
    }

    /**
     * Runs kubectl against this control plane and returns what it printed.
     *
     * @throws IllegalStateException when kubectl fails; the message holds what it printed on stderr
     */
    public String kubectl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.kubectl().toString(), "--kubeconfig", kubeconfig().toString()));
        command.addAll(List.of(arguments));
        return Kubectl.run(command, workDir);
    }

    /**
     * Applies the CustomResourceDefinitions in {@code crds} (a file or a directory) server-side, as their size
     * requires, and waits until every one is Established.
     */
    public void installCrds(Path crds) {
        kubectl("apply", "--server-side", "-f", crds.toString());
        // kubectl 1.20's wait fails at once on a CRD that has no conditions yet, instead of waiting: ask again
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                kubectl("wait", "--for", "condition=Established", "--timeout=" + READY_TIMEOUT.toSeconds() + "s", "-f", crds.toString());
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Readiness.sleep(Duration.ofMillis(200));
            }
        }
    }

    public synchronized boolean isApiServerRunning() {
        return apiServer != null && apiServer.isAlive();
    }

    /** Stops the API server process only; etcd and the controller manager keep running. */
    public synchronized void stopApiServer() {
        if (apiServer != null) {
            apiServer.stop();
            apiServer = null;
        }
    }

    /** Starts the API server again, on the same port over the same etcd, and waits until it is ready. */
    public synchronized void startApiServer() {
        if (isApiServerRunning()) {
            return;
        }
        apiServer = ChildProcess.start("kube-apiserver", List.of(binaries.apiServer().toString(),
                "--etcd-servers=http://127.0.0.1:" + etcdPort, "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
                "--secure-port=" + apiPort, "--insecure-port=0", "--cert-dir=" + workDir.resolve("certs"),
                "--authorization-mode=RBAC", "--token-auth-file=" + workDir.resolve("tokens.csv"),
                "--service-account-issuer=https://kubernetes.default.svc", "--service-account-key-file=" + workDir.resolve("sa.pub"),
                "--service-account-signing-key-file=" + workDir.resolve("sa.key"),
                // room for a thousand clusters' REST Services (a /24 holds 254 addresses)
                "--service-cluster-ip-range=10.96.0.0/16",
                "--disable-admission-plugins=ServiceAccount"), workDir.resolve("apiserver.log"));
        readiness.awaitApiServer(apiServer, READY_TIMEOUT);
    }

    /** Stops every process this control plane started, by PID; the work directory stays for reading the logs. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: the hook runs (or ran) stopAll itself
        }
    }

    private synchronized void stopAll() {
        for (ChildProcess process : new ChildProcess[] {controllerManager, apiServer, etcd}) {
            if (process != null) {
                process.stop();
            }
        }
        controllerManager = null;
        apiServer = null;
        etcd = null;
    }

    private void startEtcd() {
        int peerPort = ports.getAsInt();
        etcd = ChildProcess.start("etcd", List.of(binaries.etcd().toString(), "--data-dir", workDir.resolve("etcd").toString(),
                "--listen-client-urls", "http://127.0.0.1:" + etcdPort, "--advertise-client-urls", "http://127.0.0.1:" + etcdPort,
                "--listen-peer-urls", "http://127.0.0.1:" + peerPort, "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-cluster", "default=http://127.0.0.1:" + peerPort), workDir.resolve("etcd.log"));
        Readiness.awaitEtcd(etcd, URI.create("http://127.0.0.1:" + etcdPort + "/health"), READY_TIMEOUT);
    }

    private void startControllerManager() {
        controllerManager = ChildProcess.start("kube-controller-manager", List.of(binaries.controllerManager().toString(),
                "--kubeconfig=" + kubeconfig(), "--bind-address=127.0.0.1", "--secure-port=" + ports.getAsInt(),
                // no insecure port: its default (10252 on every interface) would clash with any other control plane on the machine
                "--port=0",
                "--controllers=*,-serviceaccount-token", "--service-account-private-key-file=" + workDir.resolve("sa.key"),
                "--leader-elect=false"), workDir.resolve("kube-controller-manager.log"));
    }

    private void writeKubeconfig() {
        WorkFiles.write(kubeconfig(), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster:
                    server: "%s"
                    certificate-authority: "%s"
                users:
                - name: admin
                  user:
                    token: "%s"
                contexts:
                - name: local
                  context: {cluster: local, user: admin, namespace: default}
                current-context: local
                """.formatted(apiUrl(), workDir.resolve("certs/apiserver.crt"), token));
    }

    private static String newToken() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
