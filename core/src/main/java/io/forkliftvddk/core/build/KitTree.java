package io.forkliftvddk.core.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The part of an image's file system under {@code /vmware-vix-disklib-distrib}, assembled from layer tars the way a
 * container runtime stacks them (upper layers win, {@code .wh.} whiteouts and opaque directories hide lower
 * content). Layers are added from the top down, so a check can stop as soon as the kit is found in the upper layers
 * without reading a large base image.
 */
public final class KitTree {

    /** The kit directory at the image root, as the documented Dockerfile COPYs it. */
    public static final String KIT_DIR = "vmware-vix-disklib-distrib";
    /** The path Forklift's validator checks (relative to /opt after the copy; here relative to the image root). */
    public static final String LIBRARY = KIT_DIR + "/lib64/libvixDiskLib.so";

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final int MAX_HOPS = 40;

    /** A file system entry. {@code link} is the symlink target or the hardlink's source path. */
    public record Entry(String path, Type type, String link, int mode, long size) { }

    public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER }

    private final Map<String, Entry> entries = new HashMap<>();
    /** Paths hidden from lower layers by whiteouts of the layers added so far. */
    private final Set<String> deleted = new HashSet<>();
    /** Directories whose lower content is hidden by an opaque marker above. */
    private final Set<String> opaque = new HashSet<>();
    private int layers;

    /**
     * Adds the next layer below those already added (call it for the top layer first). The stream may be gzip or
     * plain tar; it is read to the end but not closed.
     */
    public KitTree addLowerLayer(InputStream layer) throws IOException {
        BufferedInputStream in = new BufferedInputStream(layer, 65536);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream tarIn = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(in, 65536) : in;
        Set<String> layerDeleted = new HashSet<>();
        Set<String> layerOpaque = new HashSet<>();
        Map<String, Entry> layerEntries = new HashMap<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(tarIn);
        TarArchiveEntry te;
        while ((te = tar.getNextEntry()) != null) {
            String path = normalise(te.getName());
            if (path.isEmpty() || !(path.equals(KIT_DIR) || path.startsWith(KIT_DIR + "/"))) {
                continue;
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            String parent = parent(path);
            if (name.equals(OPAQUE)) {
                layerOpaque.add(parent);
                continue;
            }
            if (name.startsWith(WHITEOUT)) {
                layerDeleted.add(parent.isEmpty() ? name.substring(4) : parent + "/" + name.substring(4));
                continue;
            }
            if (hidden(path)) {
                continue;
            }
            Type type = te.isSymbolicLink() ? Type.SYMLINK : te.isLink() ? Type.HARDLINK
                    : te.isDirectory() ? Type.DIRECTORY : te.isFile() ? Type.FILE : Type.OTHER;
            String link = type == Type.HARDLINK ? normalise(te.getLinkName()) : type == Type.SYMLINK ? te.getLinkName() : null;
            layerEntries.put(path, new Entry(path, type, link, te.getMode() & 07777, te.getSize()));
        }
        // drain: a layer stream read from a registry must be consumed so the digest check of the caller completes
        byte[] buf = new byte[65536];
        while (tarIn.read(buf) >= 0) {
            // the tar's end-of-archive padding
        }
        for (Map.Entry<String, Entry> e : layerEntries.entrySet()) {
            entries.putIfAbsent(e.getKey(), e.getValue());
        }
        deleted.addAll(layerDeleted);
        opaque.addAll(layerOpaque);
        layers++;
        return this;
    }

    /** Whether upper layers hide this lower-layer path (whiteout, opaque parent, or a non-directory parent). */
    private boolean hidden(String path) {
        if (deleted.contains(path)) {
            return true;
        }
        for (String p = parent(path); !p.isEmpty(); p = parent(p)) {
            Entry upper = entries.get(p);
            if (deleted.contains(p) || opaque.contains(p) || (upper != null && upper.type() != Type.DIRECTORY)) {
                return true;
            }
        }
        return false;
    }

    /** How many layers were added. */
    public int layers() {
        return layers;
    }

    public Optional<Entry> entry(String path) {
        return Optional.ofNullable(entries.get(normalise(path)));
    }

    /** Whether any entry of the kit was seen. */
    public boolean hasKit() {
        return !entries.isEmpty();
    }

    /**
     * Resolves a path through symlinks (relative ones only: the kit is copied to /opt, where absolute links into the
     * image would dangle) and hardlinks, to a regular file.
     *
     * @return the chain walked ({@code a -> b -> c}) ending in the file, or a description of why it does not resolve
     */
    public Resolution resolve(String path) {
        Deque<String> chain = new ArrayDeque<>();
        String current = normalise(path);
        chain.add(current);
        for (int hop = 0; hop <= MAX_HOPS; hop++) {
            String real = resolveParents(current);
            if (real == null) {
                return Resolution.broken(chain, "a parent directory of " + current + " is missing or a broken link");
            }
            Entry e = entries.get(real);
            if (e == null) {
                return Resolution.broken(chain, real + " is missing");
            }
            switch (e.type()) {
                case FILE:
                    return Resolution.file(chain, e);
                case HARDLINK: {
                    Entry target = entries.get(e.link());
                    if (target != null && target.type() == Type.FILE) {
                        return Resolution.file(chain, target);
                    }
                    return Resolution.broken(chain, real + " is a hard link to " + e.link() + ", which is not a file in the kit");
                }
                case SYMLINK: {
                    if (e.link().startsWith("/")) {
                        return Resolution.broken(chain, real + " is an absolute symlink to " + e.link()
                                + "; it dangles once the kit is copied to /opt");
                    }
                    String target = join(parent(real), e.link());
                    if (target == null || !(target.equals(KIT_DIR) || target.startsWith(KIT_DIR + "/"))) {
                        return Resolution.broken(chain, real + " -> " + e.link() + " leaves the kit");
                    }
                    current = target;
                    chain.add(current);
                    break;
                }
                case DIRECTORY:
                    return Resolution.broken(chain, real + " is a directory, not a file");
                default:
                    return Resolution.broken(chain, real + " is not a regular file");
            }
        }
        return Resolution.broken(chain, "more than " + MAX_HOPS + " symlinks (a loop?)");
    }

    /** Resolves symlinked directories among the parents of a path; the last component is kept as is. */
    private String resolveParents(String path) {
        String parent = parent(path);
        if (parent.isEmpty()) {
            return path;
        }
        String real = "";
        int hops = 0;
        for (String comp : parent.split("/")) {
            String candidate = real.isEmpty() ? comp : real + "/" + comp;
            Entry e = entries.get(candidate);
            while (e != null && e.type() == Type.SYMLINK) {
                if (++hops > MAX_HOPS || e.link().startsWith("/")) {
                    return null;
                }
                candidate = join(parent(candidate), e.link());
                if (candidate == null) {
                    return null;
                }
                e = entries.get(candidate);
            }
            if (e != null && e.type() != Type.DIRECTORY) {
                return null;
            }
            // a directory with no own entry exists implicitly when deeper entries exist
            real = candidate;
        }
        return real + "/" + path.substring(path.lastIndexOf('/') + 1);
    }

    /** Entries (files and directories) that a non-root user cannot read, up to {@code limit}. */
    public java.util.List<String> unreadable(int limit) {
        return entries.values().stream()
                .filter(e -> (e.type() == Type.FILE && (e.mode() & 04) == 0)
                        || (e.type() == Type.DIRECTORY && (e.mode() & 05) != 05))
                .map(e -> e.path() + " (mode " + String.format("%04o", e.mode()) + ")")
                .sorted().limit(limit).toList();
    }

    /** How a path resolved. */
    public record Resolution(java.util.List<String> chain, Entry file, String problem) {
        static Resolution file(Deque<String> chain, Entry file) {
            return new Resolution(java.util.List.copyOf(chain), file, null);
        }

        static Resolution broken(Deque<String> chain, String why) {
            return new Resolution(java.util.List.copyOf(chain), null, why);
        }

        public boolean resolved() {
            return file != null;
        }

        /** {@code a -> b -> c}. */
        public String describe() {
            return String.join(" -> ", chain);
        }
    }

    static String normalise(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.equals(".") ? "" : n;
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? "" : path.substring(0, i);
    }

    /** Joins a relative link target to a directory, folding {@code .} and {@code ..}; null when it climbs above the root. */
    private static String join(String dir, String relative) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : (dir + "/" + relative).split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }
}
