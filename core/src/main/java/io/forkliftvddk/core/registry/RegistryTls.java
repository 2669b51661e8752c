package io.forkliftvddk.core.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the TLS certificate of one registry is checked.
 *
 * <ul>
 *   <li>{@link #verify()}: the JVM's default trust store and host name verification (the default);</li>
 *   <li>{@link #caBundle(Path)} / {@link #caBundles(List)}: the CA certificates in these PEM files are trusted in
 *       addition to the defaults; host names are still verified;</li>
 *   <li>{@link #insecure()}: no certificate or host name check at all, and plain {@code http://} is allowed for the
 *       host (like {@code --tls-verify=false}).</li>
 * </ul>
 * Plain http is also allowed for loopback hosts ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), as docker and
 * podman do: https is tried first and http is used when the server does not speak TLS.
 */
public record RegistryTls(Mode mode, List<Path> caBundles) {

    public enum Mode { VERIFY, CA_BUNDLE, INSECURE }

    public RegistryTls {
        Objects.requireNonNull(mode, "mode");
        caBundles = caBundles == null ? List.of() : List.copyOf(caBundles);
        if ((mode == Mode.CA_BUNDLE) == caBundles.isEmpty()) {
            throw new IllegalArgumentException("CA bundle files go with mode CA_BUNDLE, and it needs at least one");
        }
    }

    public static RegistryTls verify() {
        return new RegistryTls(Mode.VERIFY, List.of());
    }

    public static RegistryTls caBundle(Path pemFile) {
        return new RegistryTls(Mode.CA_BUNDLE, List.of(Objects.requireNonNull(pemFile, "pemFile")));
    }

    /** Several PEM files (each may hold several certificates); verify mode when the list is empty. */
    public static RegistryTls caBundles(List<Path> pemFiles) {
        return pemFiles.isEmpty() ? verify() : new RegistryTls(Mode.CA_BUNDLE, pemFiles);
    }

    public static RegistryTls insecure() {
        return new RegistryTls(Mode.INSECURE, List.of());
    }

    public boolean isInsecure() {
        return mode == Mode.INSECURE;
    }
}
