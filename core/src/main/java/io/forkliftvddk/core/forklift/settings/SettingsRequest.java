package io.forkliftvddk.core.forklift.settings;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A change to ForkliftController settings: values to set (as text, parsed by type) and keys to remove, in one patch.
 *
 * @param namespace    MTV namespace, or null to discover it
 * @param controller   ForkliftController name, or null for the only one
 * @param set          settings to set, in order (text values; typed by the catalog and the CRD schema)
 * @param unset        settings to remove
 * @param dryRun       compute and return the patch without sending it
 * @param waitTimeout  wait this long for the operator's rollout, or null not to wait
 * @param pollInterval how often the wait looks (default 2 s)
 */
public record SettingsRequest(String namespace, String controller, Map<String, String> set, List<String> unset, boolean dryRun,
                              Duration waitTimeout, Duration pollInterval) implements Serializable {

    public SettingsRequest {
        set = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set == null ? Map.of() : set));
        unset = List.copyOf(unset == null ? List.of() : unset);
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    }

    public static SettingsRequest set(Map<String, String> values) {
        return new SettingsRequest(null, null, values, List.of(), false, null, null);
    }

    public static SettingsRequest unset(List<String> names) {
        return new SettingsRequest(null, null, Map.of(), names, false, null, null);
    }

    /** Sets the global VDDK image (for {@code configure-forklift} and {@code build-image --set-controller-image}). */
    public static SettingsRequest vddkImage(String reference) {
        return set(Map.of(SettingsCatalog.VDDK_IMAGE, reference));
    }

    public SettingsRequest in(String ns, String controllerName) {
        return new SettingsRequest(ns, controllerName, set, unset, dryRun, waitTimeout, pollInterval);
    }

    public SettingsRequest withDryRun(boolean dry) {
        return new SettingsRequest(namespace, controller, set, unset, dry, waitTimeout, pollInterval);
    }

    public SettingsRequest withWait(Duration timeout, Duration interval) {
        return new SettingsRequest(namespace, controller, set, unset, dryRun, timeout, interval);
    }

    /** Adds more settings to set (e.g. configure-forklift's --setting k=v next to --vddk-image). */
    public SettingsRequest plus(Map<String, String> more) {
        Map<String, String> m = new LinkedHashMap<>(set);
        m.putAll(more);
        return new SettingsRequest(namespace, controller, m, unset, dryRun, waitTimeout, pollInterval);
    }
}
