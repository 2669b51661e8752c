package io.forkliftvddk.core.forklift.provider;

import io.forkliftvddk.core.forklift.ForkliftException;
import java.util.Locale;

/** What the provider URL points at (Provider setting {@code sdkEndpoint}). */
public enum SdkEndpoint {
    VCENTER, ESXI;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SdkEndpoint parse(String s) {
        for (SdkEndpoint e : values()) {
            if (e.value().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw ForkliftException.invalid("invalid SDK endpoint type: " + s + ". Valid types are: vcenter, esxi");
    }
}
