package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.spi.Secret;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Credentials for an HTTP source: none, HTTP Basic (user + password) or a bearer token (Artifactory access token,
 * Nexus user token). The secret stays in a {@link Secret}, so the record's toString shows no value.
 */
public record SourceAuth(String username, Secret password, Secret token) implements Serializable {

    public SourceAuth {
        if (token != null && (username != null || password != null)) {
            throw new IllegalArgumentException("give either a username and password or a token, not both");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("basic authentication needs both a username and a password");
        }
        if (username != null && username.contains(":")) {
            throw new IllegalArgumentException("a basic-auth username must not contain ':'");
        }
    }

    public static SourceAuth none() {
        return new SourceAuth(null, null, null);
    }

    public static SourceAuth basic(String username, Secret password) {
        return new SourceAuth(Objects.requireNonNull(username, "username"), Objects.requireNonNull(password, "password"), null);
    }

    public static SourceAuth bearer(Secret token) {
        return new SourceAuth(null, null, Objects.requireNonNull(token, "token"));
    }

    public boolean isNone() {
        return username == null && token == null;
    }

    /** The Authorization header value, or null; call only where the request is sent. */
    String authorizationHeader() {
        if (token != null) {
            return "Bearer " + token.reveal();
        }
        if (username != null) {
            byte[] raw = (username + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8);
            return "Basic " + Base64.getEncoder().encodeToString(raw);
        }
        return null;
    }

    /** For logs: the kind of credentials, never the secret. */
    public String describe() {
        return token != null ? "bearer token" : username != null ? "basic auth as " + username : "no credentials";
    }
}
