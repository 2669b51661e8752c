package io.forkliftvddk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.KubeConnection;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The Kubernetes connection options every cluster command shares (a picocli mixin). The CLI resolves them the way
 * kubectl does and hands core only contents: {@code --server} with {@code --token-stdin}; else the kubeconfig from
 * {@code --kubeconfig}, the first file of {@code KUBECONFIG}, or {@code ~/.kube/config} (file references inside it are
 * inlined); else the in-cluster service account.
 */
public final class KubeOptions {

    static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: first file of KUBECONFIG, else ~/.kube/config, else the in-cluster service account).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context (default: its current-context).")
    String context;

    @Option(names = "--server", paramLabel = "URL", description = "API server URL; use with --token-stdin instead of a kubeconfig.")
    String server;

    @Option(names = "--token-stdin", description = "Read the bearer token for --server from standard input.")
    boolean tokenStdin;

    @Option(names = "--certificate-authority", paramLabel = "FILE", description = "CA certificate (PEM) of the API server.")
    Path certificateAuthority;

    @Option(names = "--insecure-skip-tls-verify", description = "Do not verify the API server's certificate (test clusters only).")
    boolean insecureSkipTlsVerify;

    /** Resolves from the real environment. */
    KubeConnection resolve(InputStream stdin, Listener listener) {
        return resolve(System.getenv(), Path.of(System.getProperty("user.home")), SERVICE_ACCOUNT_DIR, stdin, listener);
    }

    /** Resolves with the environment, home directory and service account directory given (for tests). */
    KubeConnection resolve(Map<String, String> env, Path home, Path serviceAccountDir, InputStream stdin, Listener listener) {
        if (server != null) {
            if (!tokenStdin) {
                throw ForkliftException.invalid("--server needs --token-stdin (the token never goes on the command line)");
            }
            String token = readStdin(stdin).strip();
            if (token.isEmpty()) {
                throw ForkliftException.invalid("--token-stdin: standard input is empty");
            }
            String ca = certificateAuthority == null ? null : read(certificateAuthority, "--certificate-authority");
            return KubeConnection.ofToken(server, Secret.of(token), ca, insecureSkipTlsVerify, null);
        }
        if (tokenStdin) {
            throw ForkliftException.invalid("--token-stdin needs --server");
        }
        Path file = kubeconfig;
        if (file == null) {
            String kc = env.get("KUBECONFIG");
            if (kc != null && !kc.isBlank()) {
                String[] parts = kc.split(File.pathSeparator);
                for (String p : parts) {
                    if (!p.isBlank()) {
                        file = Path.of(p);
                        break;
                    }
                }
                if (parts.length > 1) {
                    listener.info("KUBECONFIG lists " + parts.length + " files; using the first one, " + file
                            + " (files are not merged; use --kubeconfig to pick another)");
                }
            }
        }
        if (file == null && Files.isRegularFile(home.resolve(".kube/config"))) {
            file = home.resolve(".kube/config");
        }
        if (file != null) {
            listener.debug("using kubeconfig " + file);
            String flat = flatten(file, read(file, "kubeconfig"));
            return KubeConnection.ofKubeconfig(flat, context);
        }
        Path token = serviceAccountDir.resolve("token");
        String host = env.get("KUBERNETES_SERVICE_HOST");
        if (host != null && Files.isRegularFile(token)) {
            String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
            String h = host.contains(":") ? "[" + host + "]" : host;
            Path ca = serviceAccountDir.resolve("ca.crt");
            Path nsFile = serviceAccountDir.resolve("namespace");
            listener.debug("using the in-cluster service account");
            return KubeConnection.ofToken("https://" + h + ":" + port, Secret.of(read(token, "service account token").strip()),
                    Files.isRegularFile(ca) ? read(ca, "service account CA") : null, !Files.isRegularFile(ca) && insecureSkipTlsVerify,
                    Files.isRegularFile(nsFile) ? read(nsFile, "service account namespace").strip() : null);
        }
        throw ForkliftException.invalid("no Kubernetes connection: pass --kubeconfig FILE or --server URL --token-stdin,"
                + " set KUBECONFIG, create ~/.kube/config, or run in a pod with a service account");
    }

    /**
     * Inlines the files a kubeconfig refers to (certificate-authority, client-certificate, client-key, tokenFile;
     * relative to the kubeconfig's directory), as {@code kubectl config view --flatten} does, and applies
     * {@code --certificate-authority}/{@code --insecure-skip-tls-verify} to every cluster.
     */
    String flatten(Path file, String contents) {
        return Kubeconfig.flatten(file, contents, certificateAuthority, insecureSkipTlsVerify);
    }

    /**
     * The YAML work on a kubeconfig, apart so that picocli's reflection over the mixin (every build-image run, for
     * --set-controller-image) does not make the verifier load Jackson's classes.
     */
    private static final class Kubeconfig {

        private Kubeconfig() {
        }

        static String flatten(Path file, String contents, Path certificateAuthority, boolean insecureSkipTlsVerify) {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            JsonNode root;
            try {
                root = yaml.readTree(contents);
            } catch (IOException e) {
                throw ForkliftException.invalid("kubeconfig " + file + " is not valid YAML (line "
                        + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null ? j.getLocation().getLineNr() : "?") + ")");
            }
            if (root == null || !root.isObject()) {
                throw ForkliftException.invalid("kubeconfig " + file + " is empty or not a kubeconfig");
            }
            Path dir = file.toAbsolutePath().getParent();
            String overrideCa = certificateAuthority == null ? null : b64(read(certificateAuthority, "--certificate-authority"));
            for (JsonNode c : root.path("clusters")) {
                if (c.path("cluster") instanceof ObjectNode cl) {
                    inline(cl, "certificate-authority", "certificate-authority-data", dir, true);
                    if (overrideCa != null) {
                        cl.put("certificate-authority-data", overrideCa);
                        cl.remove("insecure-skip-tls-verify");
                    }
                    if (insecureSkipTlsVerify) {
                        cl.put("insecure-skip-tls-verify", true);
                        cl.remove("certificate-authority-data");
                    }
                }
            }
            for (JsonNode u : root.path("users")) {
                if (u.path("user") instanceof ObjectNode us) {
                    inline(us, "client-certificate", "client-certificate-data", dir, true);
                    inline(us, "client-key", "client-key-data", dir, true);
                    inline(us, "tokenFile", "token", dir, false);
                }
            }
            try {
                return new ObjectMapper().writeValueAsString(root);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void inline(ObjectNode node, String fileKey, String dataKey, Path dir, boolean base64) {
            JsonNode ref = node.get(fileKey);
            if (ref == null || !ref.isTextual() || node.hasNonNull(dataKey)) {
                return;
            }
            Path p = dir.resolve(ref.asText());
            String content = read(p, "kubeconfig " + fileKey);
            node.put(dataKey, base64 ? b64(content) : content.strip());
            node.remove(fileKey);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String read(Path p, String what) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw ForkliftException.invalid("cannot read " + what + " file " + p + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? " " + e.getMessage() : ""));
        }
    }

    static String readStdin(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ForkliftException.invalid("cannot read standard input: " + e.getMessage());
        }
    }
}
