package io.forkliftvddk.core.forklift.settings;

/** The value type of a ForkliftController setting. */
public enum SettingType {
    STRING, BOOL, INT;

    /** The lower-case name shown to users ({@code string}, {@code bool}, {@code int}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
