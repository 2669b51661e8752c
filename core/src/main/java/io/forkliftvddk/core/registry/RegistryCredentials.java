package io.forkliftvddk.core.registry;

import io.forkliftvddk.core.spi.Secret;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password (or token) for one registry. The password is a {@link Secret}, so {@code toString} never
 * shows it.
 */
public record RegistryCredentials(String username, Secret password) implements Serializable {

    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    public static RegistryCredentials of(String username, String password) {
        return new RegistryCredentials(username, Secret.of(password));
    }

    /** The value of an {@code Authorization: Basic} header; only for the request that sends it. */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=****]";
    }
}
