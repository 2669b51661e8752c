package io.forkliftvddk.core.build;

import io.forkliftvddk.core.archive.VddkArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A private directory (0700) for one build's registry credentials and certificates: podman's {@code --authfile},
 * docker's {@code DOCKER_CONFIG}, podman's {@code --cert-dir}. Files in it are 0600. {@link #close()} deletes it, in
 * every outcome, so no credential outlives the build; the user's own auth file is copied, never written.
 */
final class PrivateAuth implements AutoCloseable {

    private static final String DIR_MODE = "rwx------";
    private static final String FILE_MODE = "rw-------";

    private final Path dir;
    private final Path authFile;
    private final Path dockerConfigDir;
    private final Path certDir;

    private PrivateAuth(Path dir) {
        this.dir = dir;
        this.authFile = dir.resolve("auth.json");
        this.dockerConfigDir = dir.resolve("docker");
        this.certDir = dir.resolve("certs");
    }

    /**
     * Creates the directory under {@code parent}.
     *
     * @param seed        a user's docker/podman auth file to start from (copied), or null
     * @param caCertificates PEM files to trust (copied into the cert dir as {@code *.crt}, as podman expects)
     */
    static PrivateAuth create(Path parent, Path seed, List<Path> caCertificates) throws IOException {
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, "forklift-vddk-auth-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(DIR_MODE)));
        PrivateAuth auth = new PrivateAuth(dir);
        try {
            Files.createDirectory(auth.dockerConfigDir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(DIR_MODE)));
            Files.createDirectory(auth.certDir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(DIR_MODE)));
            String initial = "{\"auths\":{}}\n";
            if (seed != null) {
                if (!Files.isReadable(seed)) {
                    throw new BuildException("cannot read the auth file " + seed + "; check the path (--authfile)");
                }
                initial = Files.readString(seed);
            }
            writePrivate(auth.authFile, initial);
            writePrivate(auth.dockerConfigDir.resolve("config.json"), initial);
            int n = 0;
            for (Path ca : caCertificates) {
                if (!Files.isReadable(ca)) {
                    throw new BuildException("cannot read the CA certificate " + ca + " (--ca-cert)");
                }
                Path target = auth.certDir.resolve("ca-" + (n++) + ".crt");
                Files.copy(ca, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(FILE_MODE));
            }
            return auth;
        } catch (IOException | RuntimeException e) {
            auth.close();
            throw e;
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(FILE_MODE)));
        Files.writeString(file, content);
    }

    Path dir() {
        return dir;
    }

    /** What a command needs to use this directory for one registry. */
    ContainerCli.Access access(boolean insecure, boolean withCerts) {
        return new ContainerCli.Access(authFile, dockerConfigDir, withCerts ? certDir : null, insecure);
    }

    @Override
    public void close() throws IOException {
        VddkArchive.deleteTree(dir);
    }
}
