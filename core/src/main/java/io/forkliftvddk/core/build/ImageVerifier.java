package io.forkliftvddk.core.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks an image against Forklift's VDDK image contract (forklift-api.md §4.2): when its entrypoint runs with a
 * writable {@code /opt} under an arbitrary non-root UID, it creates {@code /opt/vmware-vix-disklib-distrib} with
 * {@code lib64/libvixDiskLib.so} resolving to a file, symlinks kept, files world-readable. Both builder families and
 * {@code verify-image} use it; where the image comes from (registry, runtime store, OCI layout) is the caller's part:
 * it passes the config's entrypoint/cmd and a {@link KitTree} of the layers, or an item proven otherwise (a kit
 * layer that is byte-for-byte the inspected archive).
 */
public final class ImageVerifier {

    /** The documented entrypoint. */
    public static final List<String> ENTRYPOINT = List.of("cp", "-r", "/" + KitTree.KIT_DIR, "/opt");

    private static final Set<String> CP = Set.of("cp", "/bin/cp", "/usr/bin/cp");
    private static final Set<String> SHELLS = Set.of("sh", "/bin/sh", "/usr/bin/sh", "bash", "/bin/bash", "/usr/bin/bash");

    private ImageVerifier() {
    }

    /**
     * Whether the process the image runs without a command override (entrypoint followed by cmd) copies the kit
     * recursively into {@code /opt}. A cmd next to an entrypoint is appended to cp's arguments, which breaks the copy
     * (that is why the built-in builder removes the base image's Cmd).
     */
    public static ContractCheck.Item checkEntrypoint(List<String> entrypoint, List<String> cmd) {
        List<String> ep = entrypoint == null ? List.of() : entrypoint;
        List<String> c = cmd == null ? List.of() : cmd;
        List<String> argv = new ArrayList<>(ep);
        argv.addAll(c);
        String shown = "Entrypoint " + json(ep) + ", Cmd " + json(c);
        if (argv.isEmpty()) {
            return ContractCheck.Item.fail(ContractCheck.ENTRYPOINT, shown + ": the image runs nothing; set ENTRYPOINT "
                    + json(ENTRYPOINT));
        }
        List<String> effective = argv;
        if (argv.size() == 3 && SHELLS.contains(argv.get(0)) && argv.get(1).equals("-c")) {
            effective = List.of(argv.get(2).strip().split("\\s+"));
        }
        if (copiesKit(effective)) {
            return ContractCheck.Item.pass(ContractCheck.ENTRYPOINT, shown);
        }
        return ContractCheck.Item.fail(ContractCheck.ENTRYPOINT, shown + " does not run cp -r /" + KitTree.KIT_DIR
                + " /opt; set ENTRYPOINT " + json(ENTRYPOINT) + " and no CMD");
    }

    private static boolean copiesKit(List<String> argv) {
        if (argv.size() < 3 || !CP.contains(argv.get(0))) {
            return false;
        }
        boolean recursive = false;
        List<String> operands = new ArrayList<>();
        for (String a : argv.subList(1, argv.size())) {
            if (a.equals("--recursive") || a.equals("--archive")) {
                recursive = true;
            } else if (a.startsWith("--")) {
                if (a.equals("--dereference")) {
                    return false; // would turn the symlink chains into copies, and fails on dangling ones
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                if (a.contains("L")) {
                    return false;
                }
                recursive |= a.contains("r") || a.contains("R") || a.contains("a");
            } else {
                operands.add(a);
            }
        }
        if (!recursive || operands.size() != 2) {
            return false;
        }
        String src = withoutTrailingSlashes(operands.get(0));
        String dst = withoutTrailingSlashes(operands.get(1));
        return src.equals("/" + KitTree.KIT_DIR) && dst.equals("/opt");
    }

    private static String withoutTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    /** Whether {@code lib64/libvixDiskLib.so} in the kit resolves, through relative links, to a regular file. */
    public static ContractCheck.Item checkLibrary(KitTree tree) {
        if (!tree.hasKit()) {
            return ContractCheck.Item.fail(ContractCheck.LIBRARY, "no /" + KitTree.KIT_DIR + " in the image's layers ("
                    + tree.layers() + " read); the kit must be copied to /" + KitTree.KIT_DIR);
        }
        KitTree.Resolution r = tree.resolve(KitTree.LIBRARY);
        if (r.resolved()) {
            return ContractCheck.Item.pass(ContractCheck.LIBRARY, r.describe() + " (" + r.file().size() + " bytes)");
        }
        return ContractCheck.Item.fail(ContractCheck.LIBRARY, r.describe() + ": " + r.problem());
    }

    /** Whether every file is o+r and every directory o+rx (the entrypoint runs as an arbitrary non-root UID). */
    public static ContractCheck.Item checkReadable(KitTree tree) {
        List<String> bad = tree.unreadable(5);
        if (bad.isEmpty()) {
            return ContractCheck.Item.pass(ContractCheck.READABLE, "all files o+r, directories o+rx");
        }
        return ContractCheck.Item.fail(ContractCheck.READABLE, "not readable by others: " + String.join(", ", bad)
                + "; repack the kit with o+r modes (the built-in builder does it)");
    }

    /** All checks over a config and the layers read into a tree. */
    public static ContractCheck verify(String image, List<String> entrypoint, List<String> cmd, KitTree tree) {
        return new ContractCheck(image, List.of(checkEntrypoint(entrypoint, cmd), checkLibrary(tree), checkReadable(tree)));
    }

    private static String json(List<String> l) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < l.size(); i++) {
            sb.append(i > 0 ? ", " : "").append('"').append(l.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append(']').toString();
    }
}
