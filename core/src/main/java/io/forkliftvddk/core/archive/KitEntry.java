package io.forkliftvddk.core.archive;

/**
 * A validated tar entry of the kit as extraction and repacking see it.
 *
 * @param path   normalised path from the archive root, without {@code ./} or a trailing slash
 *               ({@code vmware-vix-disklib-distrib/lib64/libvixDiskLib.so})
 * @param raw    the name as written in the archive
 * @param type   what it is
 * @param mode   permission bits as in the archive (07777)
 * @param size   content bytes (regular files only)
 * @param link   symlink target as written, or the normalised path of a hard link's target
 * @param mtime  modification time, seconds since the epoch
 */
record KitEntry(String path, String raw, Type type, int mode, long size, String link, long mtime) {

    enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK }

    /** Modes a non-root user can use: files readable by all (and executable by all when executable at all), directories
     *  readable and searchable by all, no setuid/setgid/sticky. */
    int normalisedMode() {
        int m = mode & 0777;
        if (type == Type.DIRECTORY) {
            return m | 0555;
        }
        if ((m & 0111) != 0) {
            m |= 0111;
        }
        return m | 0444;
    }
}
