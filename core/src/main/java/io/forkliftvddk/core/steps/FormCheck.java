package io.forkliftvddk.core.steps;

import java.io.Serializable;
import java.util.Collection;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of checking one form field: what a front end shows next to it (Jenkins maps it to
 * {@code FormValidation}). A message is plain text, never holding a secret.
 */
public record FormCheck(Kind kind, String message) implements Serializable {

    /** Severity, in increasing order. */
    public enum Kind { OK, WARNING, ERROR }

    private static final FormCheck OK = new FormCheck(Kind.OK, "");

    public FormCheck {
        Objects.requireNonNull(kind, "kind");
        message = message == null ? "" : message;
    }

    public static FormCheck ok() {
        return OK;
    }

    /** OK with an informative message (for example what a default resolves to). */
    public static FormCheck ok(String message) {
        return new FormCheck(Kind.OK, message);
    }

    public static FormCheck warning(String message) {
        return new FormCheck(Kind.WARNING, message);
    }

    public static FormCheck error(String message) {
        return new FormCheck(Kind.ERROR, message);
    }

    public boolean isOk() {
        return kind == Kind.OK;
    }

    public boolean isError() {
        return kind == Kind.ERROR;
    }

    /** The worst of the checks, with the messages of that severity joined; OK when the collection is empty. */
    public static FormCheck worst(Collection<FormCheck> checks) {
        Kind worst = Kind.OK;
        for (FormCheck c : checks) {
            if (c.kind.compareTo(worst) > 0) {
                worst = c.kind;
            }
        }
        Kind w = worst;
        String text = checks.stream().filter(c -> c.kind == w && !c.message.isEmpty()).map(FormCheck::message)
                .distinct().collect(Collectors.joining(" "));
        return w == Kind.OK && text.isEmpty() ? OK : new FormCheck(w, text);
    }

    public static FormCheck worst(FormCheck... checks) {
        return worst(java.util.List.of(checks));
    }
}
