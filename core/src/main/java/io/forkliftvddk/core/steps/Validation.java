package io.forkliftvddk.core.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns field checks into a run-time verdict: errors stop the step (all listed at once), warnings are logged. */
final class Validation {

    private Validation() {
    }

    /**
     * @param checks field name → its check
     * @return the warnings, each prefixed with its field
     * @throws StepException listing every error, each prefixed with its field
     */
    static List<String> validate(String step, Map<String, FormCheck> checks) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        checks.forEach((field, check) -> {
            if (check.isError()) {
                errors.add(field + ": " + check.message());
            } else if (check.kind() == FormCheck.Kind.WARNING) {
                warnings.add(field + ": " + check.message());
            }
        });
        if (!errors.isEmpty()) {
            throw new StepException(step + " cannot run: " + String.join("; ", errors));
        }
        return warnings;
    }
}
