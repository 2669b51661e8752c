package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.registry.TlsContexts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * How to trust an https source: the JVM's default trust store, that plus the CA certificates of a PEM bundle (as the
 * registry client does with {@code --ca-cert}; hostnames are still checked), or no verification at all (insecure;
 * hostnames are not checked either).
 *
 * @param caPem    PEM text of one or more CA certificates, or null for the default trust store; text rather than a
 *                 path so the options cross from a Jenkins controller to an agent
 * @param insecure skip certificate and hostname verification
 */
public record TlsOptions(String caPem, boolean insecure) implements Serializable {

    public TlsOptions {
        if (caPem != null && caPem.isBlank()) {
            caPem = null;
        }
        if (caPem != null && insecure) {
            throw new IllegalArgumentException("give either a CA certificate or insecure (skip TLS verification), not both");
        }
    }

    public static TlsOptions defaults() {
        return new TlsOptions(null, false);
    }

    public static TlsOptions insecureSkipVerify() {
        return new TlsOptions(null, true);
    }

    /** Also trust the CA certificates in a PEM file. */
    public static TlsOptions caFile(Path pem) throws IOException {
        return caFiles(List.of(pem));
    }

    /** Also trust the CA certificates in these PEM files; the defaults when the list is empty. */
    public static TlsOptions caFiles(List<Path> pems) throws IOException {
        if (pems.isEmpty()) {
            return defaults();
        }
        StringBuilder all = new StringBuilder();
        for (Path pem : pems) {
            String text;
            try {
                text = Files.readString(pem, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new IOException("cannot read the CA certificate file " + pem + ": " + e.getMessage(), e);
            }
            try {
                new TlsOptions(text, false).certificates();
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IOException("the CA certificate file " + pem + " holds no PEM certificate: " + e.getMessage(), e);
            }
            all.append(text).append('\n');
        }
        return new TlsOptions(all.toString(), false);
    }

    Collection<? extends Certificate> certificates() throws GeneralSecurityException {
        Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.ISO_8859_1)));
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("no certificate found (expected -----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }

    /** The SSL context for these options: the registry client's, so both mean the same by a CA and by insecure. */
    SSLContext sslContext() throws IOException {
        if (insecure) {
            return TlsContexts.trustAll();
        }
        if (caPem == null) {
            try {
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        Collection<? extends Certificate> cas;
        try {
            cas = certificates();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        return TlsContexts.trustingAlso(cas);
    }

    /** Without the PEM text, which is long and says nothing in a log. */
    @Override
    public String toString() {
        return "TlsOptions[" + (insecure ? "insecure" : caPem != null ? "default trust + custom CA" : "default trust") + "]";
    }
}
