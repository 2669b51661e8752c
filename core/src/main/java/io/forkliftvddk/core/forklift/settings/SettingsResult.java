package io.forkliftvddk.core.forklift.settings;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of a settings change on a ForkliftController.
 *
 * @param namespace       MTV namespace
 * @param namespaceSource how the namespace was found (given, olm-annotation, forkliftcontroller)
 * @param controller      ForkliftController name
 * @param changes         settings changed, with their previous values (for the build page and rollback)
 * @param unchanged       settings requested that already had the value (or were already unset)
 * @param patch           the JSON Patch (RFC 6902) sent, or that would be sent in a dry run; "[]" when nothing changes
 * @param dryRun          nothing was sent
 * @param warnings        things the user must know (providers overriding the global image, unpinned image)
 * @param rollout         what the wait observed, or null without a wait
 */
public record SettingsResult(String namespace, String namespaceSource, String controller, List<SettingChange> changes,
                             List<String> unchanged, String patch, boolean dryRun, List<String> warnings,
                             RolloutStatus rollout) implements Serializable {

    public SettingsResult {
        changes = List.copyOf(changes);
        unchanged = List.copyOf(unchanged);
        warnings = List.copyOf(warnings);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
