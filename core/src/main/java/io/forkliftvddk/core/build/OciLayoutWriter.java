package io.forkliftvddk.core.build;

import io.forkliftvddk.core.archive.VddkArchive;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a built image offline: an OCI image layout directory ({@code oci:DIR}, readable by {@code skopeo copy
 * oci:DIR:NAME} and {@code podman load}) or a tar of one ({@code oci-archive:FILE}). Base layers are streamed from
 * the base registry and checked against their digests; the kit file is copied as is. Each target's full reference
 * is the {@code org.opencontainers.image.ref.name} of its {@code index.json} entry. The index is written last, so an
 * interrupted write leaves no entry pointing at missing blobs.
 */
final class OciLayoutWriter {

    static final String REF_NAME = "org.opencontainers.image.ref.name";

    private OciLayoutWriter() {
    }

    static void write(BuildOutput output, Path tempRoot, BuiltinImageBuilder.Documents docs,
                      List<BuiltinImageBuilder.BaseImage> bases, BuiltinImageBuilder.KitLayer layer, RegistryPort registry,
                      Listener listener, Path kit) throws IOException, InterruptedException {
        List<ImageReference> targets = docs.plan().targets();
        if (output.kind() == BuildOutput.Kind.OCI_LAYOUT) {
            writeLayout(output.path(), docs, bases, layer, registry, listener, kit, targets);
            listener.info("Wrote OCI layout " + output.path() + " (" + docs.digest() + ")");
            return;
        }
        if (tempRoot == null) {
            throw new BuildException("oci-archive output needs a temp directory from the front end");
        }
        if (targets.size() > 1) {
            listener.warn("oci-archive holds one name (podman load reads a single image): " + targets.get(0)
                    + "; the other tags are not in the archive");
        }
        Path dir = Files.createTempDirectory(tempRoot, "oci-layout-");
        try {
            writeLayout(dir, docs, bases, layer, registry, listener, kit, targets.subList(0, 1));
            Path file = output.path().toAbsolutePath();
            Path parent = file.getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, "." + file.getFileName(), ".partial");
            try {
                tar(dir, partial, docs.plan().created().toEpochMilli());
                move(partial, file);
            } finally {
                Files.deleteIfExists(partial);
            }
            listener.info("Wrote OCI archive " + file + " (" + docs.digest() + ")");
        } finally {
            VddkArchive.deleteTree(dir);
        }
    }

    private static void writeLayout(Path dir, BuiltinImageBuilder.Documents docs, List<BuiltinImageBuilder.BaseImage> bases,
                                    BuiltinImageBuilder.KitLayer layer, RegistryPort registry, Listener listener, Path kit,
                                    List<ImageReference> names) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path layoutFile = dir.resolve("oci-layout");
        if (Files.exists(dir.resolve("index.json")) && !Files.exists(layoutFile)) {
            throw new BuildException(dir + " has an index.json but no oci-layout file: not an OCI layout, refusing to write into it");
        }
        Path blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
        for (BuiltinImageBuilder.BaseImage b : bases) {
            for (ImageJson.Blob l : b.layers()) {
                if (!present(blobs, l)) {
                    listener.debug("copying base layer " + BuiltinImageBuilder.short12(l.digest()) + " from " + b.ref().name());
                    try (InputStream in = registry.openBlob(b.ref(), l.digest())) {
                        putBlob(blobs, l, in);
                    }
                }
            }
        }
        if (!present(blobs, layer.blob())) {
            try (InputStream in = layer.source(kit).open()) {
                putBlob(blobs, layer.blob(), in);
            }
        }
        if (docs.compat() != null) {
            putBytes(blobs, docs.compat().gzip());
        }
        for (BuiltinImageBuilder.PlatformImage p : docs.images()) {
            putBytes(blobs, p.config());
            putBytes(blobs, p.manifest());
        }
        if (docs.index() != null) {
            putBytes(blobs, docs.index());
        }
        Files.write(layoutFile, "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        writeIndex(dir.resolve("index.json"), docs, names);
    }

    /** index.json: earlier entries with other names are kept; entries with our names are replaced. */
    private static void writeIndex(Path indexFile, BuiltinImageBuilder.Documents docs, List<ImageReference> names) throws IOException {
        Map<String, JNode> kept = new LinkedHashMap<>();
        List<JNode> unnamed = new ArrayList<>();
        if (Files.exists(indexFile)) {
            JNode old = ImageJson.parseObject(Files.readAllBytes(indexFile), indexFile.toString());
            for (JNode m : old.path("manifests")) {
                String name = m.path("annotations").path(REF_NAME).asText(null);
                if (name == null) {
                    unnamed.add(m);
                } else {
                    kept.put(name, m);
                }
            }
        }
        byte[] top = docs.topBytes();
        for (ImageReference t : names) {
            JNode d = ImageJson.Blob.of(docs.mediaType(), top).toJson();
            d.putObject("annotations").put(REF_NAME, t.toString());
            kept.remove(t.toString());
            kept.put(t.toString(), d);
        }
        JNode index = JNode.object();
        index.put("schemaVersion", 2);
        index.put("mediaType", ImageJson.OCI_INDEX);
        JNode list = index.putArray("manifests");
        unnamed.forEach(list::add);
        kept.values().forEach(list::add);
        Path tmp = indexFile.resolveSibling("index.json.partial");
        Files.write(tmp, ImageJson.bytes(index));
        move(tmp, indexFile);
    }

    private static boolean present(Path blobs, ImageJson.Blob b) throws IOException {
        Path p = blobs.resolve(hex(b.digest()));
        return Files.isRegularFile(p) && Files.size(p) == b.size();
    }

    private static void putBytes(Path blobs, byte[] bytes) throws IOException {
        Path p = blobs.resolve(hex(ImageJson.sha256(bytes)));
        if (!Files.exists(p)) {
            Path tmp = Files.createTempFile(blobs, ".blob", ".partial");
            Files.write(tmp, bytes);
            move(tmp, p);
        }
    }

    /** Copies a stream into the blob store, checking its sha256 before the blob gets its name. */
    private static void putBlob(Path blobs, ImageJson.Blob b, InputStream in) throws IOException {
        Path tmp = Files.createTempFile(blobs, ".blob", ".partial");
        try {
            MessageDigest md = KitInspector.sha256();
            try (OutputStream out = Files.newOutputStream(tmp); InputStream din = new DigestInputStream(in, md)) {
                din.transferTo(out);
            }
            String got = "sha256:" + HexFormat.of().formatHex(md.digest());
            if (!got.equals(b.digest())) {
                throw new BuildException("blob " + b.digest() + " arrived as " + got + "; not written");
            }
            move(tmp, blobs.resolve(hex(b.digest())));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A tar of the layout: sorted names, fixed owner and times, so the same image gives the same archive. */
    private static void tar(Path dir, Path file, long mtime) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(dir)) {
            paths = s.filter(p -> !p.equals(dir)).sorted().toList();
        }
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path p : paths) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                boolean isDir = Files.isDirectory(p);
                TarArchiveEntry e = new TarArchiveEntry(isDir ? name + "/" : name);
                e.setModTime(new Date(mtime));
                e.setIds(0, 0);
                e.setMode(isDir ? 040755 : 0100644);
                if (!isDir) {
                    e.setSize(Files.size(p));
                }
                tar.putArchiveEntry(e);
                if (!isDir) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }
}
