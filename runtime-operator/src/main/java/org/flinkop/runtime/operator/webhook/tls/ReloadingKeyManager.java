package org.flinkop.runtime.operator.webhook.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The serving key and certificate chain of the webhook's TLS server, replaced in place when the certificate is
 * renewed: connections opened after {@link #load} present the new certificate, open ones keep theirs. Until the
 * first load it has nothing to present and handshakes fail.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private static final char[] IN_MEMORY = new char[0];

    private volatile X509ExtendedKeyManager delegate;
    private volatile X509Certificate current;

    /** Serves {@code serving} with the chain {@code serving, authority}. */
    public void load(IssuedCertificate serving, X509Certificate authority) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("webhook", serving.key(), IN_MEMORY, new X509Certificate[] {serving.certificate(), authority});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY);
            delegate = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
            current = serving.certificate();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot load the serving certificate", e);
        }
    }

    /** The certificate presented now; null before the first load. */
    public X509Certificate current() {
        return current;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        X509ExtendedKeyManager d = delegate;
        return d == null ? null : d.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        X509ExtendedKeyManager d = delegate;
        return d == null ? null : d.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        X509ExtendedKeyManager d = delegate;
        return d == null ? null : d.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        X509ExtendedKeyManager d = delegate;
        return d == null ? null : d.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        X509ExtendedKeyManager d = delegate;
        return d == null ? null : d.getPrivateKey(alias);
    }
}
