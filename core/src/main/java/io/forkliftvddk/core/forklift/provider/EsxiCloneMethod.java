package io.forkliftvddk.core.forklift.provider;

import io.forkliftvddk.core.forklift.ForkliftException;
import java.util.Locale;

/** How copy offload clones on ESXi (Provider setting {@code esxiCloneMethod}). */
public enum EsxiCloneMethod {
    VIB, SSH;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EsxiCloneMethod parse(String s) {
        for (EsxiCloneMethod e : values()) {
            if (e.value().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw ForkliftException.invalid("invalid ESXi clone method: " + s + ". Valid methods are: vib, ssh");
    }
}
