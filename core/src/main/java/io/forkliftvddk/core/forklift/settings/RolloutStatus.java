package io.forkliftvddk.core.forklift.settings;

import java.io.Serializable;

/**
 * What the wait for the operator's rollout observed last.
 *
 * @param complete      the forklift-controller Deployment carries the expected VDDK_IMAGE and its rollout finished
 * @param deployment    namespace/name of the Deployment watched
 * @param vddkImageEnv  the VDDK_IMAGE env seen (null when absent)
 * @param observation   a one-line summary of what was seen
 */
public record RolloutStatus(boolean complete, String deployment, String vddkImageEnv, String observation) implements Serializable {
}
