package io.forkliftvddk.core.build;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of checking an image against Forklift's VDDK image contract (forklift-api.md §4): the entrypoint copies
 * the kit to {@code /opt}, and the kit contains {@code lib64/libvixDiskLib.so} resolving to a file. One item per
 * check, each with what was found.
 *
 * @param image what was checked ({@code registry/repo@sha256:...}, a local image id, or an OCI layout)
 * @param items the individual checks, in the order they ran
 */
public record ContractCheck(String image, List<Item> items) implements Serializable {

    /** Names of the checks. */
    public static final String ENTRYPOINT = "entrypoint copies the kit to /opt";
    public static final String LIBRARY = "kit has lib64/libvixDiskLib.so resolving to a file";
    public static final String READABLE = "kit readable by a non-root user";

    /** One check: its name, whether it passed, and what was found (or what to do). */
    public record Item(String name, boolean passed, String detail) implements Serializable {
        public static Item pass(String name, String detail) {
            return new Item(name, true, detail);
        }

        public static Item fail(String name, String detail) {
            return new Item(name, false, detail);
        }
    }

    public ContractCheck {
        items = List.copyOf(items);
    }

    /** True when every check passed (and there was at least one). */
    public boolean passed() {
        return !items.isEmpty() && failures().isEmpty();
    }

    public List<Item> failures() {
        List<Item> failed = new ArrayList<>();
        for (Item i : items) {
            if (!i.passed()) {
                failed.add(i);
            }
        }
        return List.copyOf(failed);
    }

    /** One line per failed check, for an error message. */
    public String failureSummary() {
        StringBuilder sb = new StringBuilder();
        for (Item i : failures()) {
            sb.append(sb.length() == 0 ? "" : "; ").append(i.name()).append(": ").append(i.detail());
        }
        return sb.toString();
    }

    /**
     * Throws when a check failed.
     *
     * @throws BuildException naming the image and every failed check
     */
    public ContractCheck orThrow() throws BuildException {
        if (!passed()) {
            throw new BuildException("image " + image + " does not meet Forklift's VDDK image contract: "
                    + (items.isEmpty() ? "nothing was checked" : failureSummary()));
        }
        return this;
    }
}
