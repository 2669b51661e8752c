package io.forkliftvddk.core.image;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a VDDK image consists of, independent of the builder: the documented Dockerfile's content
 * (forklift-api.md §6) as data. Base image, target references (with the immutable tags expanded), platforms, user
 * {@code 1001}, the entrypoint that copies the kit to {@code /opt}, OCI labels, and the optional VDDK 9
 * compatibility link. Everything derives from the request and the kit, never from the clock, so two builds of the
 * same kit on the same base give the same image.
 *
 * @param baseImage   the image to build on
 * @param targets     every reference to write, requested tags first, then the immutable tags
 * @param platforms   image platforms
 * @param user        the image's user
 * @param entrypoint  the entrypoint (no Cmd)
 * @param labels      OCI labels, sorted by key
 * @param compatLayer add {@link #COMPAT_LINK} -> {@link #COMPAT_TARGET}
 * @param created     the image's creation time, derived from the kit
 * @param kitSha256   sha256 of the kit tar.gz, hex
 * @param vddkVersion the kit's version, or null
 */
public record BuildPlan(ImageReference baseImage, List<ImageReference> targets, List<Platform> platforms, String user,
                        List<String> entrypoint, Map<String, String> labels, boolean compatLayer, Instant created,
                        String kitSha256, String vddkVersion) implements Serializable {

    public static final String KIT_DIR = "vmware-vix-disklib-distrib";
    public static final String USER = "1001";
    public static final List<String> ENTRYPOINT = List.of("cp", "-r", "/" + KIT_DIR, "/opt");
    /** The VDDK 9 workaround link (older nbdkit / CDI builds dlopen {@code .so.8}). */
    public static final String COMPAT_LINK = KIT_DIR + "/lib64/libvixDiskLib.so.8";
    public static final String COMPAT_TARGET = "libvixDiskLib.so.9";

    public static final String LABEL_TITLE = "org.opencontainers.image.title";
    public static final String LABEL_DESCRIPTION = "org.opencontainers.image.description";
    public static final String LABEL_VERSION = "org.opencontainers.image.version";
    public static final String LABEL_CREATED = "org.opencontainers.image.created";
    public static final String LABEL_BASE_NAME = "org.opencontainers.image.base.name";
    public static final String LABEL_VDDK_VERSION = "io.forkliftvddk.vddk.version";
    public static final String LABEL_KIT_SHA256 = "io.forkliftvddk.kit.sha256";
    public static final String LABEL_COMPAT = "io.forkliftvddk.vddk9-compat";
    /** Set when the kit layer is a normalised repack of the kit (its modes or owners could not be used as they are). */
    public static final String LABEL_REPACKED = "io.forkliftvddk.kit.repacked";

    public BuildPlan {
        Objects.requireNonNull(baseImage, "baseImage");
        targets = List.copyOf(targets);
        platforms = List.copyOf(platforms);
        entrypoint = List.copyOf(entrypoint);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(kitSha256, "kitSha256");
        if (!ReferenceSyntax.isSha256Hex(kitSha256)) {
            throw new IllegalArgumentException("kit sha256 must be 64 lower-case hex digits: " + kitSha256);
        }
    }

    /**
     * Makes the plan for a kit.
     *
     * @param tags         requested tags
     * @param immutableTag also write {@code <tag>-<first 12 hex of the kit sha256>} for every tag
     * @param created      derived from the kit (its newest entry time), not the clock
     */
    public static BuildPlan of(ImageReference baseImage, List<ImageReference> tags, List<Platform> platforms,
                               String kitSha256, String vddkVersion, Instant created, boolean compatLayer,
                               boolean immutableTag) {
        String sha = kitSha256.toLowerCase(Locale.ROOT);
        LinkedHashSet<ImageReference> targets = new LinkedHashSet<>(tags);
        if (immutableTag) {
            for (ImageReference t : tags) {
                targets.add(immutableTag(t, sha));
            }
        }
        Map<String, String> labels = new TreeMap<>();
        labels.put(LABEL_TITLE, "VMware VDDK" + (vddkVersion == null ? "" : " " + vddkVersion) + " for Forklift");
        labels.put(LABEL_DESCRIPTION, "VMware Virtual Disk Development Kit init image for Forklift/MTV; "
                + "VMware's licence forbids public distribution");
        labels.put(LABEL_CREATED, created.toString());
        labels.put(LABEL_BASE_NAME, baseImage.toString());
        labels.put(LABEL_KIT_SHA256, sha);
        if (vddkVersion != null) {
            labels.put(LABEL_VERSION, vddkVersion);
            labels.put(LABEL_VDDK_VERSION, vddkVersion);
        }
        if (compatLayer) {
            labels.put(LABEL_COMPAT, "true");
        }
        List<Platform> ps = platforms == null || platforms.isEmpty() ? List.of(Platform.LINUX_AMD64)
                : new ArrayList<>(new LinkedHashSet<>(platforms));
        return new BuildPlan(baseImage, new ArrayList<>(targets), ps, USER, ENTRYPOINT, labels, compatLayer, created,
                sha, vddkVersion);
    }

    /** The same plan with one more label. */
    public BuildPlan withLabel(String key, String value) {
        Map<String, String> l = new TreeMap<>(labels);
        l.put(key, value);
        return new BuildPlan(baseImage, targets, platforms, user, entrypoint, l, compatLayer, created, kitSha256, vddkVersion);
    }

    /** {@code <tag>-<first 12 hex of the kit sha256>} in the same repository. */
    public static ImageReference immutableTag(ImageReference tag, String kitSha256) {
        String base = tag.tagOrLatest();
        String suffix = "-" + kitSha256.substring(0, 12);
        if (base.length() + suffix.length() > 128) {
            base = base.substring(0, 128 - suffix.length());
        }
        return tag.withTag(base + suffix);
    }

    /** The history line of the kit layer, as a Dockerfile build would record its COPY. */
    public String kitHistory() {
        return "COPY " + KIT_DIR + " /" + KIT_DIR + " # forklift-vddk: kit sha256:" + kitSha256;
    }

    /** The history line of the compatibility layer. */
    public String compatHistory() {
        return "RUN ln -sf " + COMPAT_TARGET + " /" + COMPAT_LINK + " # forklift-vddk: VDDK 9 compatibility";
    }

    /** The history line of the config-only changes. */
    public String configHistory() {
        return "USER " + user + "; ENTRYPOINT [\"" + String.join("\", \"", entrypoint) + "\"] # forklift-vddk";
    }

    /** Whether any platform is not linux/amd64 (VMware ships VDDK for x86_64 only). */
    public boolean hasNonAmd64() {
        return platforms.stream().anyMatch(p -> !p.isAmd64());
    }
}
