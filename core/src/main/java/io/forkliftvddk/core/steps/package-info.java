/**
 * What the front ends' step definitions need and no Jenkins type: parameter records for every step
 * ({@code buildVddkImage}, {@code configureForklift}, {@code createVsphereProvider}, {@code findVddkArchive}, the
 * {@code vddkRelease} trigger) with their defaults and validation, form checks ({@link io.forkliftvddk.core.steps.FormCheck}),
 * choice lists, credential resolution through {@link io.forkliftvddk.core.steps.CredentialLookup} (so core requests
 * carry {@link io.forkliftvddk.core.spi.Secret}s, never credential ids), result maps, environment variables, and the
 * trigger's poll decision. The Jenkins plugin is a thin adapter over this package; everything here is unit-tested.
 */
package io.forkliftvddk.core.steps;
