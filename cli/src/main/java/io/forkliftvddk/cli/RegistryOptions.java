package io.forkliftvddk.cli;

import io.forkliftvddk.core.build.RegistryAccess;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.spi.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How the CLI reaches registries (shared by build-image and verify-image). The password comes only from stdin
 * ({@code --registry-password-stdin}), never from an argument; proxies come from {@code HTTPS_PROXY} / {@code NO_PROXY}.
 */
public final class RegistryOptions {

    @Option(names = "--push-insecure-skip-tls",
            description = "Do not verify TLS (and allow plain http) for the target registry.")
    boolean insecure;

    @Option(names = "--ca-cert", paramLabel = "FILE", description = "PEM CA certificate(s) to trust for registries, in addition to the system ones.")
    List<Path> caCerts = List.of();

    @Option(names = "--registry-username", paramLabel = "USER", description = "User name for the target registry (password from --registry-password-stdin).")
    String username;

    @Option(names = "--registry-password-stdin", description = "Read the target registry's password or token from standard input.")
    boolean passwordStdin;

    @Option(names = "--authfile", paramLabel = "FILE",
            description = "A docker config.json or podman auth.json with credentials for any registry (target and base).")
    Path authFile;

    /**
     * The access for the given target hosts.
     *
     * @throws RuntimeException the invocation's usage error for inconsistent options
     */
    RegistryAccess access(Invocation invocation, Collection<ImageReference> targets, InputStream stdin, Map<String, String> env) {
        if (username != null && !passwordStdin) {
            throw invocation.usageError("--registry-username needs --registry-password-stdin (the password is read from standard input, never from an argument)");
        }
        if (passwordStdin && username == null) {
            throw invocation.usageError("--registry-password-stdin needs --registry-username");
        }
        if (authFile != null && !Files.isReadable(authFile)) {
            throw invocation.usageError("--authfile " + authFile + ": file not found or not readable");
        }
        for (Path ca : caCerts) {
            if (!Files.isReadable(ca)) {
                throw invocation.usageError("--ca-cert " + ca + ": file not found or not readable");
            }
        }
        RegistryAccess access = RegistryAccess.anonymous().withAuthFile(authFile);
        for (Path ca : caCerts) {
            access = access.withCaCertificate(ca);
        }
        if (username != null) {
            Secret password = readPassword(invocation, stdin);
            for (ImageReference t : targets) {
                access = access.withCredentials(t.registry(), new RegistryAccess.Credentials(username, password));
            }
        }
        if (insecure) {
            for (ImageReference t : targets) {
                access = access.withInsecureHost(t.registry());
            }
        }
        String proxy = firstNonBlank(env.get("HTTPS_PROXY"), env.get("https_proxy"));
        String noProxy = firstNonBlank(env.get("NO_PROXY"), env.get("no_proxy"));
        if (proxy != null) {
            access = access.withProxy(proxy, noProxy == null ? List.of()
                    : Arrays.stream(noProxy.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
        }
        return access;
    }

    private static Secret readPassword(Invocation invocation, InputStream stdin) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            stdin.transferTo(buf);
            String text = buf.toString(StandardCharsets.UTF_8);
            // a trailing newline comes from echo / a here-string, not from the password
            text = text.replaceAll("\\r?\\n$", "");
            if (text.isEmpty()) {
                throw invocation.usageError("--registry-password-stdin: standard input was empty");
            }
            return Secret.of(text);
        } catch (IOException e) {
            throw invocation.usageError("--registry-password-stdin: cannot read standard input: " + e.getMessage());
        }
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
    }
}
