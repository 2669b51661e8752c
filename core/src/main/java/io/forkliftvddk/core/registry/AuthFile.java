package io.forkliftvddk.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from a docker {@code config.json} or podman/skopeo {@code auth.json}: {@code auths.<key>.auth} is
 * base64 of {@code user:password}; {@code username}/{@code password} fields are read too. Keys may be a host
 * ({@code quay.io}), a URL ({@code https://index.docker.io/v1/}) or, as podman allows, a host with a repository
 * namespace ({@code quay.io/org}); the most specific key wins. Credential helpers ({@code credsStore},
 * {@code credHelpers}) are not run: core starts no processes for secrets.
 *
 * <p>Error messages name the file and the key, never a value.
 */
public final class AuthFile {

    private final Path file;
    private final Map<String, RegistryCredentials> entries;
    private final boolean usesHelpers;

    private AuthFile(Path file, Map<String, RegistryCredentials> entries, boolean usesHelpers) {
        this.file = file;
        this.entries = entries;
        this.usesHelpers = usesHelpers;
    }

    /**
     * Reads the file.
     *
     * @throws IOException naming the file when it is missing, unreadable or not such a file
     */
    public static AuthFile read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("auth file " + file + " does not exist", e);
        }
        ObjectNode root;
        try {
            root = Json.parseObject(bytes, "auth file " + file);
        } catch (IllegalArgumentException e) {
            // Jackson's message may quote file content, which could be a credential: keep only our own words
            throw new IOException("auth file " + file + " is not valid JSON (expected {\"auths\": {\"host\": {\"auth\": \"...\"}}})");
        }
        Map<String, RegistryCredentials> entries = new LinkedHashMap<>();
        JsonNode auths = root.get("auths");
        if (auths != null && auths.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                credentialsOf(file, e.getKey(), e.getValue()).ifPresent(c -> entries.put(normaliseKey(e.getKey()), c));
            }
        }
        boolean helpers = root.hasNonNull("credsStore") || (root.get("credHelpers") != null && root.get("credHelpers").size() > 0);
        return new AuthFile(file, entries, helpers);
    }

    private static Optional<RegistryCredentials> credentialsOf(Path file, String key, JsonNode entry) throws IOException {
        if (entry == null || !entry.isObject()) {
            return Optional.empty();
        }
        JsonNode auth = entry.get("auth");
        if (auth != null && auth.isTextual() && !auth.asText().isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.asText().trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IOException("auth file " + file + ": the \"auth\" value for " + key + " is not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IOException("auth file " + file + ": the \"auth\" value for " + key
                        + " does not decode to user:password");
            }
            return Optional.of(RegistryCredentials.of(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        JsonNode user = entry.get("username");
        JsonNode pass = entry.get("password");
        if (user != null && user.isTextual() && pass != null && pass.isTextual()) {
            return Optional.of(RegistryCredentials.of(user.asText(), pass.asText()));
        }
        return Optional.empty();
    }

    /** {@code https://host/v1/} and {@code host} map to {@code host}; {@code host/ns} stays. */
    static String normaliseKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
            // URL keys name a host and an API path (/v1/, /v2/), not a namespace
            int slash = k.indexOf('/');
            if (slash >= 0) {
                k = k.substring(0, slash);
            }
        }
        while (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        return RegistryOptions.key(k.contains("/") ? k.substring(0, k.indexOf('/')) : k)
                + (k.contains("/") ? k.substring(k.indexOf('/')) : "");
    }

    /**
     * Credentials for a repository: keys {@code registry/repository}, then its parent namespaces, then the registry.
     */
    public Optional<RegistryCredentials> find(String registry, String repository) {
        String host = RegistryOptions.key(registry);
        List<String> candidates = new ArrayList<>();
        if (repository != null && !repository.isEmpty()) {
            String path = host + "/" + repository;
            while (true) {
                candidates.add(path);
                int slash = path.lastIndexOf('/');
                if (slash <= host.length() - 1) {
                    break;
                }
                path = path.substring(0, slash);
                if (path.equals(host)) {
                    break;
                }
            }
        }
        candidates.add(host);
        for (String c : candidates) {
            RegistryCredentials creds = entries.get(c);
            if (creds != null) {
                return Optional.of(creds);
            }
        }
        return Optional.empty();
    }

    /** Whether the file delegates to credential helpers, which this client does not run (worth a hint). */
    public boolean usesCredentialHelpers() {
        return usesHelpers;
    }

    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "AuthFile[" + file + ", " + entries.size() + " entries]";
    }
}
