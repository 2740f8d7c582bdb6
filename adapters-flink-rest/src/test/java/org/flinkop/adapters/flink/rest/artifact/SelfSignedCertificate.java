package org.flinkop.adapters.flink.rest.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1, made with the JDK's keytool: the server's key store and a trust store
 * holding only its certificate.
 */
record SelfSignedCertificate(Path keyStore, TrustStore trustStore) {

    private static final String PASSWORD = "changeit";

    static SelfSignedCertificate create(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path keys = directory.resolve("server.p12");
        Path certificate = directory.resolve("server.pem");
        Path trust = directory.resolve("trust.p12");
        for (Path file : List.of(keys, certificate, trust)) {
            Files.deleteIfExists(file);
        }
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keys.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keys.toString(), "-storepass", PASSWORD, "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-storetype", "PKCS12", "-keystore", trust.toString(),
                "-storepass", PASSWORD);
        return new SelfSignedCertificate(keys, new TrustStore(trust, "PKCS12", PASSWORD));
    }

    /** What the https server presents. */
    SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS)) {
            keytool.destroyForcibly();
            throw new IOException("keytool did not finish: " + command);
        }
        if (keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + command + "\n" + output);
        }
    }
}
