package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A place where VDDK kits appear: a directory or an http(s) listing page. */
public interface KitSource {

    /** Newest version first; for equal versions, by location so the choice is stable. */
    Comparator<VddkKit> NEWEST_FIRST = Comparator.comparing(VddkKit::version).reversed()
            .thenComparing(VddkKit::location);

    /** Where this source looks, for logs (never a secret). */
    String describe();

    /**
     * Every kit the source holds (files named as VMware names them), newest first. Size and checksum may be unknown
     * here (-1 / null) until {@link #details}.
     *
     * @throws IOException when the source cannot be read (missing directory, HTTP error, TLS failure): the message
     *                     names the source and what to do
     */
    List<VddkKit> list(Listener listener) throws IOException, InterruptedException;

    /** The kit with its size and checksum filled in where the source has them. */
    VddkKit details(VddkKit kit, Listener listener) throws IOException, InterruptedException;

    /**
     * Opens the kit's bytes.
     *
     * @return the stream, and the size when known
     */
    Opened open(VddkKit kit) throws IOException, InterruptedException;

    /** An open kit stream and its length (-1 when unknown). */
    record Opened(InputStream stream, long length) {
    }

    /** The newest kit that passes the filter, with its details; empty when none does. */
    default Optional<VddkKit> newest(KitFilter filter, Listener listener) throws IOException, InterruptedException {
        List<VddkKit> all = list(listener);
        List<VddkKit> matching = all.stream().filter(filter::matches).sorted(NEWEST_FIRST).toList();
        listener.info("Found " + all.size() + " VDDK kit" + (all.size() == 1 ? "" : "s") + " in " + describe() + ", "
                + matching.size() + " matching " + filter.describe());
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        VddkKit kit = details(matching.get(0), listener);
        listener.info("Newest: " + kit.name() + " (" + kit.version() + ")"
                + (kit.sha256() != null ? ", sha256 " + kit.sha256() : ", no checksum file"));
        return Optional.of(kit);
    }
}
