package io.forkliftvddk.core.steps;

import java.io.Serializable;

/** One ForkliftController setting to set ({@code forkliftSetting(name: 'vddk_image', value: '…')} in Pipeline). */
public record SettingParameter(String name, String value) implements Serializable {
    public SettingParameter {
        name = StepValues.trimToNull(name);
        // a value may legitimately be empty text (kubectl-mtv sends "" verbatim); only null means missing
        value = value == null ? null : value.strip();
    }
}
