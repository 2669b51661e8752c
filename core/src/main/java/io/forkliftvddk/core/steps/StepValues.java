package io.forkliftvddk.core.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Normalisation of the text values forms and Pipeline maps deliver. */
public final class StepValues {

    private StepValues() {
    }

    /** Trimmed text, or null when null or blank (an empty form field means "not set"). */
    public static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String t = value.strip();
        return t.isEmpty() ? null : t;
    }

    /** The first non-blank value, trimmed, or null. */
    public static String firstSet(String... values) {
        for (String v : values) {
            String t = trimToNull(v);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /**
     * Entries of a multi-value text field: one per line, blank lines and lines starting with {@code #} ignored,
     * each trimmed. Used for build arguments and runtime options, whose values may contain spaces.
     */
    public static List<String> lines(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String line : value.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }

    /** Entries of a list of names or tags: separated by whitespace or commas. */
    public static List<String> words(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String w : value.split("[\\s,]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Lower-cased trimmed text or null. */
    public static String lower(String value) {
        String t = trimToNull(value);
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    /** True when the text looks like a Jenkins parameter expression ({@code ${NAME}}), resolved only at run time. */
    public static boolean isExpression(String value) {
        return value != null && value.contains("${");
    }
}
