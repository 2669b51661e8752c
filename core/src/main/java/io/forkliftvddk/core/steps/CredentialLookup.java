package io.forkliftvddk.core.steps;

import io.forkliftvddk.core.spi.Secret;

import java.util.Objects;

/**
 * Finds a credential by id. The Jenkins plugin implements it with {@code CredentialsProvider.findCredentialById} (so
 * the use is tracked on the build); the CLI does not need it. Core records receive the {@link Resolved} values,
 * never the ids, so the credential store stays a front-end concern.
 */
@FunctionalInterface
public interface CredentialLookup {

    /** The credential kinds steps accept. */
    enum Kind {
        /** username with password (registry, vCenter). */
        USERNAME_PASSWORD("username with password"),
        /** secret text (bearer token). */
        SECRET_TEXT("secret text"),
        /** secret file (kubeconfig); the secret is the file content. */
        SECRET_FILE("secret file");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A credential as the front end read it. {@code username} only for {@link Kind#USERNAME_PASSWORD}; for
     * {@link Kind#SECRET_FILE} the secret is the file content. {@link #toString()} never shows the secret.
     */
    record Resolved(String id, Kind kind, String username, Secret secret) {
        public Resolved {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(secret, "secret");
        }

        public static Resolved usernamePassword(String id, String username, Secret password) {
            return new Resolved(id, Kind.USERNAME_PASSWORD, username, password);
        }

        public static Resolved secretText(String id, Secret text) {
            return new Resolved(id, Kind.SECRET_TEXT, null, text);
        }

        public static Resolved secretFile(String id, Secret content) {
            return new Resolved(id, Kind.SECRET_FILE, null, content);
        }
    }

    /**
     * The credential with this id visible to the current build, or null when there is none. The front end returns
     * whichever supported kind the credential has; the caller checks it is a kind the field accepts.
     */
    Resolved find(String id);

    /** A lookup that knows no credentials (the CLI, or a trigger without credentials). */
    static CredentialLookup none() {
        return id -> null;
    }
}
