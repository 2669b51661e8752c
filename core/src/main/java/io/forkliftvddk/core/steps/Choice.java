package io.forkliftvddk.core.steps;

import java.io.Serializable;

/** One entry of a drop-down: the value stored in the job and the label shown. */
public record Choice(String value, String label) implements Serializable {
}
