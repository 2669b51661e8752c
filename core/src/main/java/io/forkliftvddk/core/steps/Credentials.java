package io.forkliftvddk.core.steps;

import io.forkliftvddk.core.steps.CredentialLookup.Kind;
import io.forkliftvddk.core.steps.CredentialLookup.Resolved;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Resolves the credential id of a parameter, with errors that name the parameter, the id and the expected kind. */
public final class Credentials {

    private Credentials() {
    }

    /**
     * The credential {@code id} given in {@code parameter}, of one of the {@code accepted} kinds; null when the id is
     * not set.
     *
     * @throws StepException when the id is set but unknown, or the credential has another kind
     */
    public static Resolved resolve(CredentialLookup lookup, String parameter, String id, Kind... accepted) {
        String trimmed = StepValues.trimToNull(id);
        if (trimmed == null) {
            return null;
        }
        Set<Kind> kinds = accepted.length == 0 ? EnumSet.allOf(Kind.class) : EnumSet.copyOf(Arrays.asList(accepted));
        String expected = kinds.stream().map(Kind::label).collect(Collectors.joining(" or "));
        Resolved found = lookup.find(trimmed);
        if (found == null) {
            throw new StepException(parameter + ": no credentials with id '" + trimmed
                    + "' are visible to this build; add " + article(expected) + " credential with that id (or fix the id)");
        }
        if (!kinds.contains(found.kind())) {
            throw new StepException(parameter + ": credentials '" + trimmed + "' are " + found.kind().label()
                    + ", but this parameter needs " + expected);
        }
        return found;
    }

    private static String article(String s) {
        return s.startsWith("u") || s.startsWith("s") ? "a " + s : "an " + s;
    }
}
