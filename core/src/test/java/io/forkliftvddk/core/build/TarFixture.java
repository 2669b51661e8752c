package io.forkliftvddk.core.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Small in-memory layer tars for unit tests. */
final class TarFixture {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    TarFixture dir(String name, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        e.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 | mode);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    TarFixture file(String name, int mode, String content) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0100000 | mode);
        e.setSize(b.length);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
        return this;
    }

    TarFixture symlink(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    TarFixture hardlink(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    byte[] tar() throws IOException {
        tar.finish();
        return bytes.toByteArray();
    }

    byte[] tarGz() throws IOException {
        byte[] t = tar();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(t);
        }
        return out.toByteArray();
    }

    /** A minimal valid kit: the libvixDiskLib.so chain as real kits have it. */
    static TarFixture kit() throws IOException {
        return new TarFixture()
                .dir("vmware-vix-disklib-distrib", 0755)
                .dir("vmware-vix-disklib-distrib/lib64", 0755)
                .file("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so.8.0.1", 0755, "\u007fELF")
                .symlink("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so.8", "libvixDiskLib.so.8.0.1")
                .symlink("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so", "libvixDiskLib.so.8");
    }
}
