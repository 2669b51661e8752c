package io.forkliftvddk.core.forklift.settings;

import java.io.Serializable;

/**
 * One setting changed (or that would change, in a dry run).
 *
 * @param name     spec key
 * @param previous the value before, as text, or null when it was not set (for rollback)
 * @param value    the value after, as text, or null when removed
 */
public record SettingChange(String name, String previous, String value) implements Serializable {

    public boolean removed() {
        return value == null;
    }
}
