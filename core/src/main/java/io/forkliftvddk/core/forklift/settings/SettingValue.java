package io.forkliftvddk.core.forklift.settings;

import java.io.Serializable;

/**
 * A setting as read from the ForkliftController.
 *
 * @param name         spec key
 * @param value        the current value as text, or null when the key is absent (or null)
 * @param defaultValue the operator's default ("" when none)
 * @param isSet        whether the key is present with a non-null value
 * @param type         the setting's type
 * @param category     display group
 * @param supported    in the curated list
 * @param description  one line
 */
public record SettingValue(String name, String value, String defaultValue, boolean isSet, SettingType type, String category,
                           boolean supported, String description) implements Serializable {

    /** How a table shows the value: the value, {@code (not set)} or {@code (empty)}. */
    public String displayValue() {
        if (!isSet) {
            return "(not set)";
        }
        return value.isEmpty() ? "(empty)" : value;
    }

    /** How a table shows the default: {@code -} when there is none. */
    public String displayDefault() {
        return defaultValue == null || defaultValue.isEmpty() ? "-" : defaultValue;
    }
}
