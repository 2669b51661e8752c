package io.forkliftvddk.core.registry;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the TLS certificate of one registry is checked.
 *
 * <ul>
 *   <li>{@link #verify()}: the JVM's default trust store and host name verification (the default);</li>
 *   <li>{@link #caBundle(Path)}: certificates from a PEM file (one or more CA certificates) are trusted in addition to
 *       the defaults; host names are still verified;</li>
 *   <li>{@link #insecure()}: no certificate or host name check at all, and plain {@code http://} is allowed for the
 *       host (like {@code --tls-verify=false}).</li>
 * </ul>
 * Plain http is also allowed for loopback hosts ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), as docker and
 * podman do: https is tried first and http is used when the server does not speak TLS.
 */
public record RegistryTls(Mode mode, Path caBundle) {

    public enum Mode { VERIFY, CA_BUNDLE, INSECURE }

    public RegistryTls {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.CA_BUNDLE) != (caBundle != null)) {
            throw new IllegalArgumentException("a CA bundle path goes with mode CA_BUNDLE only");
        }
    }

    public static RegistryTls verify() {
        return new RegistryTls(Mode.VERIFY, null);
    }

    public static RegistryTls caBundle(Path pemFile) {
        return new RegistryTls(Mode.CA_BUNDLE, Objects.requireNonNull(pemFile, "pemFile"));
    }

    public static RegistryTls insecure() {
        return new RegistryTls(Mode.INSECURE, null);
    }

    public boolean isInsecure() {
        return mode == Mode.INSECURE;
    }
}
