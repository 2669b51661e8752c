package io.forkliftvddk.core.registry;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * SSLContexts for the three {@link RegistryTls} modes, without touching global JSSE or HttpClient properties.
 *
 * <p>Public for the other https clients of core (the kit discovery), so that "trust these CAs too" and "skip TLS
 * verification" mean the same everywhere: {@link #trustingAlso(Collection)} and {@link #trustAll()}.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    static SSLContext create(RegistryTls tls) throws IOException {
        try {
            return switch (tls.mode()) {
                case VERIFY -> SSLContext.getDefault();
                case CA_BUNDLE -> withTrust(new CombinedTrustManager(trustManagerFor(readBundles(tls.caBundles())),
                        defaultTrustManager()));
                case INSECURE -> withTrust(new TrustAllManager());
            };
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * A context that trusts the JVM's default CAs and, as well, these CA certificates (a chain is accepted when either
     * validates it). Host names are still checked by the client (java.net.http does for https).
     *
     * @throws IOException "cannot set up TLS: …" when the certificates cannot be loaded into a trust store
     */
    public static SSLContext trustingAlso(Collection<? extends Certificate> caCertificates) throws IOException {
        try {
            return withTrust(new CombinedTrustManager(trustManagerFor(keyStore(caCertificates)), defaultTrustManager()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * A context that accepts every certificate and skips the host name check (insecure, "skip TLS verification"),
     * without a global system property.
     */
    public static SSLContext trustAll() throws IOException {
        try {
            return withTrust(new TrustAllManager());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static SSLContext withTrust(TrustManager tm) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {tm}, null);
        return ctx;
    }

    static KeyStore readBundles(List<Path> pems) throws IOException {
        List<Certificate> all = new ArrayList<>();
        for (Path pem : pems) {
            all.addAll(readBundle(pem));
        }
        try {
            return keyStore(all);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load CA certificate files " + pems + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore keyStore(Collection<? extends Certificate> certificates) throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty trust store: " + e.getMessage(), e);
        }
        int i = 0;
        for (Certificate c : certificates) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        return ks;
    }

    static Collection<? extends Certificate> readBundle(Path pem) throws IOException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new IOException("CA certificate file " + pem + " does not exist", e);
        } catch (CertificateException e) {
            throw new IOException("CA certificate file " + pem + " holds no readable PEM certificate: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IOException("CA certificate file " + pem + " holds no certificate (expected PEM -----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }

    private static X509ExtendedTrustManager trustManagerFor(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager available");
    }

    private static X509ExtendedTrustManager defaultTrustManager() throws GeneralSecurityException {
        return trustManagerFor(null);
    }

    private interface ServerCheck {
        void run(X509ExtendedTrustManager tm) throws CertificateException;
    }

    /** Trusts a chain when the caller's CA bundle or the JVM defaults do; host names are checked by either. */
    private static final class CombinedTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager bundle;
        private final X509ExtendedTrustManager defaults;

        CombinedTrustManager(X509ExtendedTrustManager bundle, X509ExtendedTrustManager defaults) {
            this.bundle = bundle;
            this.defaults = defaults;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(tm -> tm.checkServerTrusted(chain, authType));
        }

        /** The bundle's verdict, else the defaults'; when both refuse, the bundle's reason (the one the user configured). */
        private void either(ServerCheck check) throws CertificateException {
            try {
                check.run(bundle);
            } catch (CertificateException first) {
                try {
                    check.run(defaults);
                } catch (CertificateException second) {
                    throw first;
                }
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client certificates are not checked by an https client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("client certificates are not checked by an https client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked by an https client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(bundle.getAcceptedIssuers()));
            all.addAll(List.of(defaults.getAcceptedIssuers()));
            return all.toArray(new X509Certificate[0]);
        }
    }

    /**
     * Accepts every certificate. Being an X509ExtendedTrustManager matters: for a plain X509TrustManager JSSE wraps it
     * and still checks the host name; the extended methods are where that check would happen, and they skip it.
     */
    static final class TrustAllManager extends X509ExtendedTrustManager implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
