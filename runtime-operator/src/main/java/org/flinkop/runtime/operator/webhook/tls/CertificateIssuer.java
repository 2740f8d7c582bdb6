package org.flinkop.runtime.operator.webhook.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Issues the webhook's certificates: a self-signed certificate authority and a serving certificate it signs, both
 * on ECDSA P-256 keys signed with SHA-256. Keys and signatures come from {@code java.security}; the certificate
 * structure is written with {@link Der} and read back with the JDK's {@link CertificateFactory}, so a mistake in it
 * fails here and not in the API server.
 */
public final class CertificateIssuer {

    private static final String EC_PUBLIC_KEY_CURVE = "secp256r1";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    /** keyCertSign (bit 5) and cRLSign (bit 6): 0000 0110, one unused bit. */
    private static final byte[] CA_KEY_USAGE = {0x06};
    /** digitalSignature (bit 0): 1000 0000, seven unused bits. */
    private static final byte[] SERVING_KEY_USAGE = {(byte) 0x80};

    private final SecureRandom random;

    public CertificateIssuer(SecureRandom random) {
        this.random = random;
    }

    /** A certificate authority named {@code commonName}, valid from {@code notBefore} to {@code notAfter}. */
    public IssuedCertificate authority(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeys();
        byte[] name = name(commonName);
        byte[] extensions = Der.sequence(
                extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))),
                extension(KEY_USAGE, true, Der.bits(CA_KEY_USAGE, 1)));
        return new IssuedCertificate(sign(tbs(name, name, keys, notBefore, notAfter, extensions), keys), keys.getPrivate());
    }

    /**
     * A serving certificate signed by {@code authority} for the DNS names and IP addresses given (its subject
     * alternative names, which is all clients such as the API server check), for server authentication only.
     */
    public IssuedCertificate serving(IssuedCertificate authority, String commonName, List<String> dnsNames, List<String> ipAddresses,
            Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeys();
        List<byte[]> names = new ArrayList<>();
        dnsNames.forEach(dns -> names.add(Der.implicit(2, dns.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        ipAddresses.forEach(ip -> names.add(Der.implicit(7, address(ip))));
        byte[] extensions = Der.sequence(
                extension(BASIC_CONSTRAINTS, true, Der.sequence()),
                extension(KEY_USAGE, true, Der.bits(SERVING_KEY_USAGE, 7)),
                extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))),
                extension(SUBJECT_ALT_NAME, false, Der.sequence(names.toArray(byte[][]::new))));
        byte[] issuer = authority.certificate().getSubjectX500Principal().getEncoded();
        byte[] tbs = tbs(issuer, name(commonName), keys, notBefore, notAfter, extensions);
        return new IssuedCertificate(sign(tbs, new KeyPair(authority.certificate().getPublicKey(), authority.key())), keys.getPrivate());
    }

    private KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(EC_PUBLIC_KEY_CURVE), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make ECDSA P-256 keys", e);
        }
    }

    private byte[] tbs(byte[] issuer, byte[] subject, KeyPair keys, Instant notBefore, Instant notAfter, byte[] extensions) {
        // a positive serial of at most 20 bytes (RFC 5280 4.1.2.2), random so that no two certificates share one
        BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
        return Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(serial),
                Der.sequence(Der.oid(ECDSA_WITH_SHA256)),
                issuer,
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                subject,
                keys.getPublic().getEncoded(),
                Der.explicit(3, extensions));
    }

    private static X509Certificate sign(byte[] tbs, KeyPair signer) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(signer.getPrivate());
            signature.update(tbs);
            // the JDK's ECDSA signature is already the DER sequence of r and s that X.509 carries
            byte[] certificate = Der.sequence(tbs, Der.sequence(Der.oid(ECDSA_WITH_SHA256)), Der.bits(signature.sign(), 0));
            X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificate));
            parsed.verify(signer.getPublic());
            return parsed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not issue a certificate", e);
        }
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octets(value)) : Der.sequence(Der.oid(oid), Der.octets(value));
    }

    private static byte[] address(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }
}
