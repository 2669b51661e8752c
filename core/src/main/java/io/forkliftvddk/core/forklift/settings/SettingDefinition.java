package io.forkliftvddk.core.forklift.settings;

import java.io.Serializable;

/**
 * One ForkliftController spec field (snake_case).
 *
 * @param name         the spec key
 * @param type         string, bool or int
 * @param defaultValue the operator's default as text ("" when there is none)
 * @param category     display group (image, feature, performance, ...)
 * @param supported    in kubectl-mtv's curated list (false: extended, shown with --all)
 * @param description  one line for users
 */
public record SettingDefinition(String name, SettingType type, String defaultValue, String category, boolean supported,
                                String description) implements Serializable {
}
