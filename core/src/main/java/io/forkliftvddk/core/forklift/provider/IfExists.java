package io.forkliftvddk.core.forklift.provider;

import io.forkliftvddk.core.forklift.ForkliftException;
import java.util.Locale;

/** What to do when the Provider already exists. */
public enum IfExists {
    /** Refuse (CONFLICT). */
    FAIL,
    /** Update URL, credentials and the settings given; keep everything else (default). */
    UPDATE,
    /** Leave it as it is and report it. */
    SKIP;

    public static IfExists parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ForkliftException.invalid("invalid --if-exists value: " + s + ". Valid values are: fail, update, skip");
        }
    }
}
