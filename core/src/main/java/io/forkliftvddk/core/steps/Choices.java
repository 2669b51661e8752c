package io.forkliftvddk.core.steps;

import io.forkliftvddk.core.forklift.provider.BufferPreset;

import java.util.List;

/** The drop-down values of the step forms (the same values Pipeline scripts pass). */
public final class Choices {

    private Choices() {
    }

    public static final String RUNTIME_AUTO = "auto";
    public static final String RUNTIME_BUILTIN = "builtin";
    public static final String RUNTIME_PODMAN = "podman";
    public static final String RUNTIME_DOCKER = "docker";

    public static final List<Choice> RUNTIMES = List.of(
            new Choice(RUNTIME_AUTO, "auto: built-in builder when pushing with the default Dockerfile, else podman, then docker"),
            new Choice(RUNTIME_BUILTIN, "builtin: daemonless, pushes the validated kit as a layer (no podman/docker needed)"),
            new Choice(RUNTIME_PODMAN, "podman"),
            new Choice(RUNTIME_DOCKER, "docker"));

    /** Empty means "let Forklift default it" (its webhook sets vcenter). */
    public static final List<Choice> SDK_ENDPOINTS = List.of(
            new Choice("", "(Forklift default: vcenter)"),
            new Choice("vcenter", "vcenter"),
            new Choice("esxi", "esxi"));

    public static final List<Choice> ESXI_CLONE_METHODS = List.of(
            new Choice("", "(not set)"),
            new Choice("vib", "vib"),
            new Choice("ssh", "ssh"));

    public static final String IF_EXISTS_UPDATE = "update";
    public static final List<Choice> IF_EXISTS = List.of(
            new Choice(IF_EXISTS_UPDATE, "update the existing provider"),
            new Choice("fail", "fail"),
            new Choice("skip", "skip (leave it as it is)"));

    public static final List<Choice> BUFFER_PRESETS = bufferPresets();

    public static final String FORMAT_YAML = "yaml";
    public static final List<Choice> DRY_RUN_FORMATS = List.of(
            new Choice(FORMAT_YAML, "YAML"),
            new Choice("json", "JSON"));

    public static final String CONTROLLER_IMAGE_DIGEST = "digest";
    public static final List<Choice> CONTROLLER_IMAGE_REFS = List.of(
            new Choice(CONTROLLER_IMAGE_DIGEST, "pinned digest (repo@sha256:...)"),
            new Choice("tag", "tag"));

    private static List<Choice> bufferPresets() {
        java.util.ArrayList<Choice> list = new java.util.ArrayList<>();
        list.add(new Choice("", "(none: explicit values or Forklift's default 16 x 4)"));
        for (BufferPreset p : BufferPreset.values()) {
            long mib = (long) p.bufSizeIn64k() * p.bufCount() * 64 / 1024;
            list.add(new Choice(p.label(), p.label() + ": " + p.bufSizeIn64k() + " x 64 KiB, " + p.bufCount() + " buffers ("
                    + mib + " MiB per disk)"));
        }
        return List.copyOf(list);
    }

    /** True when {@code value} is one of {@code choices}' values. */
    public static boolean contains(List<Choice> choices, String value) {
        String v = value == null ? "" : value;
        return choices.stream().anyMatch(c -> c.value().equals(v));
    }

    /** The values, for error messages. */
    public static String values(List<Choice> choices) {
        return String.join(", ", choices.stream().map(Choice::value).filter(v -> !v.isEmpty()).toList());
    }
}
