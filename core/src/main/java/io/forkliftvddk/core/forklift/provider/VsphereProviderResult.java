package io.forkliftvddk.core.forklift.provider;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What {@link VsphereProviders#createOrUpdate} did.
 *
 * @param name              Provider name
 * @param namespace         Provider namespace
 * @param uid               Provider uid
 * @param secretName        the Secret the Provider uses
 * @param outcome           created, updated, unchanged or skipped
 * @param secretOutcome     created, updated, unchanged or existing (a Secret given by the caller, not touched)
 * @param phase             the Provider's status.phase when last read (null when not reported yet)
 * @param conditions        the Provider's conditions when last read, as {@code Type=Status (Category): message}
 * @param effectiveSettings spec.settings read back from the cluster after the write (a setting stripped by a webhook
 *                          does not show here)
 * @param warnings          things the user must know
 */
public record VsphereProviderResult(String name, String namespace, String uid, String secretName, Outcome outcome,
                                    Outcome secretOutcome, String phase, List<String> conditions, Map<String, String> effectiveSettings,
                                    List<String> warnings) implements Serializable {

    /** What happened to an object. */
    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, SKIPPED, EXISTING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public VsphereProviderResult {
        conditions = List.copyOf(conditions);
        effectiveSettings = Map.copyOf(effectiveSettings);
        warnings = List.copyOf(warnings);
    }
}
