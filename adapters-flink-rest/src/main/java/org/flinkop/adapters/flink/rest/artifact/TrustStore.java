package org.flinkop.adapters.flink.rest.artifact;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Certificates to trust for https downloads instead of the JVM's default ones (a company's own certificate
 * authority, a self-signed repository).
 *
 * @param path     the key store file
 * @param type     its type, as {@link java.security.KeyStore#getInstance(String)} takes it ({@code PKCS12}, {@code JKS})
 * @param password its password; empty when it has none
 */
public record TrustStore(Path path, String type, String password) {

    public TrustStore {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "TrustStore[path=" + path + ", type=" + type + "]";
    }
}
