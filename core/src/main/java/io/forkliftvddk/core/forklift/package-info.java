/**
 * The cluster side of Forklift / MTV over fabric8: the connection ({@link io.forkliftvddk.core.forklift.KubeConnection},
 * built from inputs only, never from the environment), MTV namespace discovery, ForkliftController selection and the
 * mapping of API errors to actionable text. Sub-packages: {@code settings} (ForkliftController settings and the global
 * VDDK image) and {@code provider} (vSphere Provider + Secret).
 */
package io.forkliftvddk.core.forklift;
