package io.forkliftvddk.core.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Response headers: names case-insensitive, values in arrival order. */
final class Headers {
    private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    void add(String name, String value) {
        List<String> list = values.get(name);
        if (list == null) {
            list = new ArrayList<>(1);
            values.put(name, list);
        }
        list.add(value);
    }

    Optional<String> firstValue(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    List<String> allValues(String name) {
        List<String> v = values.get(name);
        return v == null ? List.of() : List.copyOf(v);
    }

    OptionalLong firstValueAsLong(String name) {
        Optional<String> v = firstValue(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether a comma-separated header (Connection, Transfer-Encoding) holds this token. */
    boolean hasToken(String name, String token) {
        for (String v : allValues(name)) {
            for (String t : v.split(",")) {
                if (t.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }
}
