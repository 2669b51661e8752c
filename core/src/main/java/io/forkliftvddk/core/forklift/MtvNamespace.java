package io.forkliftvddk.core.forklift;

import java.io.Serializable;

/**
 * The namespace MTV/Forklift runs in, and which discovery rule found it.
 *
 * @param namespace the namespace
 * @param source    how it was found: {@code given}, {@code olm-annotation} or {@code forkliftcontroller}
 */
public record MtvNamespace(String namespace, String source) implements Serializable {
}
